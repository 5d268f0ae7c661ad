// English wording of the built-in flags, as a condition needs them ("Needs the extension
// window to be open."): the engine's messages use it, and the window falls back to it where
// a language has no words of its own (wf.flag.* / wf.flagNot.*). Other flags are named as they are.
export const FLAG_TEXT: Record<string, string> = {
  extensionOpen: 'the extension window to be open',
  buyerExtended: 'the buyer to have extended already',
  sellerExtended: 'the seller to have extended already',
  autoAckEnded: 'auto-confirmation to have ended',
  refundWindowEnded: 'the refund window to have ended',
};
export const NOT_FLAG_TEXT: Record<string, string> = {
  extensionOpen: 'the extension window to be closed',
  buyerExtended: 'the buyer not to have extended yet',
  sellerExtended: 'the seller not to have extended yet',
  autoAckEnded: 'auto-confirmation not to have ended',
  refundWindowEnded: 'the refund window not to have ended',
};
