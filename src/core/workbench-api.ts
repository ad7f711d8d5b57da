/** Moved to src/shared/workbench-api.ts (the dispatcher and core share it); this re-export keeps branches in flight compiling. */
export type { Namespace, ServiceOf, WorkbenchApi } from '../shared/workbench-api'
