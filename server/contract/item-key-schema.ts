import { z } from 'zod';
import { ITEM_KEY_MAX_LENGTH, ITEM_KEY_PATTERN } from './item-key';

export const ItemKeySchema = z
  .string()
  .max(ITEM_KEY_MAX_LENGTH)
  .regex(ITEM_KEY_PATTERN, 'Malformed ItemKey: expected <lms>:<site>:<kind>:<id>');
