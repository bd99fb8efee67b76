/**
 * The AWS Backup service model (botocore service-2.json, API version 2018-11-15), inlined at build
 * time from the vendored copy in schemas/aws-backup-model (Apache-2.0; origin in its README). The emulator routes, parses, validates and serialises from
 * it, so its wire format is the service's by construction.
 */
import model from '../../schemas/aws-backup-model/service-2.json';

export interface ShapeRef {
  shape: string;
  location?: 'uri' | 'querystring' | 'header' | 'headers' | 'statusCode';
  locationName?: string;
  idempotencyToken?: boolean;
}

export interface Shape {
  type:
    | 'structure'
    | 'list'
    | 'map'
    | 'string'
    | 'integer'
    | 'long'
    | 'boolean'
    | 'timestamp'
    | 'double'
    | 'float'
    | 'blob';
  required?: string[];
  members?: Record<string, ShapeRef>;
  member?: ShapeRef;
  key?: ShapeRef;
  value?: ShapeRef;
  enum?: string[];
  pattern?: string;
  min?: number;
  max?: number;
  error?: { httpStatusCode?: number };
  exception?: boolean;
  fault?: boolean;
}

export interface Operation {
  name: string;
  http: { method: string; requestUri: string };
  input?: { shape: string };
  output?: { shape: string };
}

export interface ServiceModel {
  metadata: { endpointPrefix: string; signingName?: string };
  operations: Record<string, Operation>;
  shapes: Record<string, Shape>;
}

export const MODEL = model as unknown as ServiceModel;

export function shape(name: string): Shape {
  const s = MODEL.shapes[name];
  if (!s) throw new Error(`shape ${name} is not in the model`);
  return s;
}
