/** The input-round capability's id: the `d` of its buttons and forms. */
export const DIALOG = 'input';
