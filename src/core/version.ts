import pkg from '../../package.json'

/** The Workbench's version, from package.json, shown in app.info, the User-Agent and `--version`. */
export const WORKBENCH_VERSION: string = pkg.version

/** Every request the mock Smart KYC sends names the app, so a user's logs say where it came from. */
export const USER_AGENT = `SmartKYC-Webhook-Workbench/${WORKBENCH_VERSION}`
