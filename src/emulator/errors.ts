/** A service error as AWS Backup sends it: HTTP status, x-amzn-ErrorType, and a JSON body. */
export class ServiceError extends Error {
  constructor(
    readonly errorType: string,
    readonly status: number,
    message: string,
    /** The body's Code: AWS Backup sends codes such as ERROR_3015; defaults to the error type. */
    readonly code?: string,
    readonly context?: string,
  ) {
    super(message);
  }
}

export const missing = (message: string): ServiceError =>
  new ServiceError('MissingParameterValueException', 400, message);
export const invalid = (message: string, code?: string, context?: string): ServiceError =>
  new ServiceError('InvalidParameterValueException', 400, message, code, context);
export const invalidRequest = (message: string, code?: string): ServiceError =>
  new ServiceError('InvalidRequestException', 400, message, code);
export const notFound = (message: string): ServiceError =>
  new ServiceError('ResourceNotFoundException', 400, message);
export const alreadyExists = (message: string): ServiceError =>
  new ServiceError('AlreadyExistsException', 400, message);
export const invalidState = (message: string): ServiceError =>
  new ServiceError('InvalidResourceStateException', 400, message);
/**
 * What AWS Backup answers for a vault that does not exist (not in AWS's docs; reported in
 * https://github.com/aws/aws-sdk-js/issues/2625 and https://github.com/boto/boto3/issues/2269).
 */
export const vaultAccessDenied = (): ServiceError =>
  new ServiceError('AccessDeniedException', 403, 'Insufficient privileges to perform this action.');
