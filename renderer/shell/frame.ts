// The frame's fixed sizes, shared by the shell (AppLayout) and what is placed against it (toasts).
export const HEADER_HEIGHT = 68;
export const NAVBAR_WIDTH = 256;
/** Toasts sit inside the navbar's empty lower part, this far from its edges: never over the screen. */
export const TOAST_INSET = 8;
