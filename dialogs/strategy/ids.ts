/** The names the strategy capability is known by: its dialog id, jobs, fan-out templates and exports. */
export const D = 'strategy';
export const JOB_CLOSE = 'samla:strategy:close';
export const JOB_REMIND = 'samla:strategy:remind';
export const TEMPLATE_INVITE = 'strategy:invite';
export const TEMPLATE_REMIND = 'strategy:remind';
export const EXPORT_KIND = 'strategy-feedback';
/** The subject kind of a version sent to the municipalities for political anchoring. */
export const ANCHOR_KIND = 'strategy-version';
