import { appReturnTo } from './app-return-to';

describe(appReturnTo.name, () => {
  it('keeps a path of the web app, with its filters', () => {
    expect(appReturnTo('/app/projects?status=active#top')).toBe('/app/projects?status=active#top');
    expect(appReturnTo('/app')).toBe('/app');
  });

  it.each([
    'https://evil.example/app/',
    '//evil.example/app/',
    '/\\evil.example/app/',
    '/auth/session',
    '/application',
    '/app/../docs',
    'app/inbox',
    '',
    undefined,
    ['/app/a', '/app/b'],
  ])('sends %p to the start page of the app', (value) => {
    expect(appReturnTo(value)).toBe('/app/');
  });
});
