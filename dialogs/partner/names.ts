/** The names the partner capability is known by elsewhere: its dialog, its job, its fan-out templates. */
export const PARTNER_DIALOG = 'partner';
export const PARTNER_REMIND_JOB = 'samla:partner:remind';
export const PARTNER_ASK_TEMPLATE = 'partner:ask';
export const PARTNER_REMIND_TEMPLATE = 'partner:remind';
