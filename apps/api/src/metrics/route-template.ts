/** The `route` label of a request that matched no route (a 404): one series for every unknown URL. */
export const UNMATCHED_ROUTE = 'unmatched';

/** What Express leaves on a request once a route matched it. */
export interface RoutedRequest {
  baseUrl?: string;
  route?: { path?: unknown };
}

/**
 * The route template of a request as the API documents it (`/tasks/{id}/complete`), never the
 * URL it was called with: a label holding ids would make one series per task or project.
 */
export function routeTemplate(request: RoutedRequest): string {
  const path = request.route?.path;
  // Nest mounts app-wide middleware as a catch-all route: a request that reached no controller keeps it.
  if (typeof path !== 'string' || MIDDLEWARE_MOUNTS.has(path)) return UNMATCHED_ROUTE;
  return `${request.baseUrl ?? ''}${path}`.replace(/:(\w+)/g, '{$1}') || '/';
}

const MIDDLEWARE_MOUNTS = new Set(['/{*path}', '{*path}', '/*', '*']);
