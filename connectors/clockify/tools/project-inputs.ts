import { z } from 'zod';
import { amountArg, currencyArg } from '../money';

/** Input pieces shared by the project tools. */

export const rateArg = (what: string) =>
  z
    .strictObject({ amount: amountArg, currency: currencyArg })
    .optional()
    .describe(`${what} as a decimal amount, e.g. {"amount": 85.5, "currency": "EUR"} (currency: the workspace's; another is refused).`);

export const colorArg = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'a color like "#03A9F4"')
  .optional()
  .describe('Color as "#RRGGBB".');
