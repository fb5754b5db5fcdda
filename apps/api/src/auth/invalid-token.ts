import { AuthException, ErrorCode } from '../errors/accord.exception';

/** The 401 for a token Accord does not take, naming the claim or header at fault when there is one. */
export function invalidToken(reason: string, claim?: string): AuthException {
  return new AuthException(ErrorCode.UNAUTHENTICATED, `Invalid bearer token: ${reason}`, claim ? [{ path: claim, message: reason }] : []);
}
