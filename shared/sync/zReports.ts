// A till's Z report as the sync server keeps it (server/zReports.ts), as far as a counter
// reads it back (Settings → Sync): checked at the boundary, since it comes over the network.
import { z } from 'zod';

/** One method of a till's close: expected by the payments, counted at the close, counted - expected. */
export const methodCountSchema = z.object({
  method: z.string(),
  expected: z.number(),
  counted: z.number().nullable(),
  difference: z.number().nullable(),
});
export type MethodCount = z.infer<typeof methodCountSchema>;

export const serverZReportSummarySchema = z.object({
  tillId: z.string(),
  openedAt: z.number(),
  closedAt: z.number().nullable(),
  float: z.number(),
  expectedCash: z.number(),
  counted: z.number().nullable(),
  difference: z.number().nullable(),
  methods: z.array(methodCountSchema),
});
export type ServerZReportSummary = z.infer<typeof serverZReportSummarySchema>;

export const zReportsAnswerSchema = z.object({ reports: z.array(serverZReportSummarySchema) });

/** The newest closed tills a counter reads of its own. */
export const DEVICE_Z_REPORTS = 10;
