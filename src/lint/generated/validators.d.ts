// Types of validators.js, which scripts/generate-validators.mjs writes (written by hand: the kinds
// are DocumentKind's).
import type { ErrorObject } from 'ajv';
import type { DocumentKind } from '../types';

/** An ajv standalone validator: true when `data` is valid, else false with `errors` set. */
export interface StandaloneValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/** The validator of each document kind, compiled from schemas/<kind>.schema.json. */
export declare const validators: Readonly<Record<DocumentKind, StandaloneValidator>>;
