// Validation of command input, with messages a clerk can act on.
import { z } from 'zod';
import { validUntilSchema } from './validUntil';

const money = z.number({ error: 'must be a number' }).finite('must be a number').min(0, 'cannot be negative');

export const orderLineSchema = z.object({
  sku: z.string({ error: 'SKU is missing' }).trim().min(1, 'SKU is missing'),
  qty: z
    .number({ error: 'quantity must be a number' })
    .int('quantity must be a whole number')
    .positive('quantity must be above zero'),
  price: money.optional(),
  unitPrice: money.optional(),
  serviceTimes: z.number().int('uses must be a whole number').positive('uses must be above zero').optional(),
  validUntil: validUntilSchema.optional(),
});

export const createOrderInputSchema = z.object({
  buyerId: z.string({ error: 'the buyer is missing' }).trim().min(1, 'the buyer is missing'),
  buyerName: z.string().trim().optional(),
  address: z.string().trim().optional(),
  lines: z.array(orderLineSchema, { error: 'the order has no lines' }).min(1, 'the order has no lines'),
});

/** "Line 2: quantity must be a whole number" — one sentence per problem. */
export function describeInputError(error: z.ZodError): string {
  const sentences = error.issues.map((issue) => {
    const [first, index] = issue.path;
    const where = first === 'lines' && typeof index === 'number' ? `Line ${index + 1}: ` : '';
    return `${where}${issue.message}`;
  });
  const text = [...new Set(sentences)].join('; ');
  return text.charAt(0).toUpperCase() + text.slice(1) + '.';
}
