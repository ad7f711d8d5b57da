/**
 * The Workbench's shape, derived from the contract so the two cannot drift: for every
 * contract method `ns.verb` there is a function `workbench.ns.verb(parsedInput)`.
 */
import type { MethodName, MethodOutput, MethodParsedInput } from './contract'

export type Namespace = MethodName extends `${infer NS}.${string}` ? NS : never

export type ServiceOf<NS extends Namespace> = {
  [M in MethodName as M extends `${NS}.${infer Verb}` ? Verb : never]: (
    input: MethodParsedInput<M>
  ) => Promise<MethodOutput<M>>
}

export type WorkbenchApi = { [NS in Namespace]: ServiceOf<NS> }
