// Tracking on the sync server (issues 22 + 24): what of shipments, checkpoints, exceptions
// and carriers a counter sends and pulls. The commands are sent as their payload (the parsed
// input, one argument), and the server runs the same tracking commands on it
// (server/push/trackingDispatch.ts); their rows come back with every pull.

/** Tracking commands a counter sends (after every other kind: the lists only grow at the end).
 *  A late timer's firing is not sent: the server fires its own with the same command id. */
export const TRACKING_PUSH_KINDS = ['tracking:carrier', 'tracking:shipment', 'tracking:checkpoint', 'tracking:exception'] as const;

/** The server's tracking tables and the counter's Dexie tables they land in. */
export const TRACKING_SYNC_TABLES = {
  carriers: 'carriers',
  shipments: 'shipments',
  checkpoints: 'checkpoints',
  exceptions: 'exceptions',
} as const;

/** The shop's tracking settings: its GS1 company prefix (and extension digit) for SSCCs, and
 *  how long a parcel may go without a checkpoint before it is late. The server decides the
 *  same commands with them (a late timer's due time, a parcel's SSCC), so every counter and
 *  the server must hold the same values. */
export const TRACKING_SETTING_KEYS = ['sscc', 'parcelLateAfterMs'] as const;
