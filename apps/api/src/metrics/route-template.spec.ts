import { routeTemplate, UNMATCHED_ROUTE } from './route-template';

describe(routeTemplate.name, () => {
  it('names a route by its template with parameters in braces, as the OpenAPI document does', () => {
    expect(routeTemplate({ baseUrl: '', route: { path: '/tasks/:id/complete' } })).toBe('/tasks/{id}/complete');
    expect(routeTemplate({ baseUrl: '/api', route: { path: '/projects/:id/audit' } })).toBe('/api/projects/{id}/audit');
  });

  it('keeps a template without parameters as it is', () => {
    expect(routeTemplate({ route: { path: '/inbox' } })).toBe('/inbox');
  });

  it('gives every request that matched no route one label, whatever its URL', () => {
    expect(routeTemplate({ baseUrl: '' })).toBe(UNMATCHED_ROUTE);
    expect(routeTemplate({ route: { path: /^\/regex$/ } })).toBe(UNMATCHED_ROUTE);
    // What Nest's app-wide middleware leaves on a request no controller took.
    expect(routeTemplate({ baseUrl: '', route: { path: '/{*path}' } })).toBe(UNMATCHED_ROUTE);
  });
});
