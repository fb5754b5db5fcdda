import { JsonLogger } from './json-logger';

describe(JsonLogger.name, () => {
  function capture(level: 'debug' | 'info' | 'warn' | 'error' = 'info') {
    const lines: string[] = [];
    return { sut: new JsonLogger('api', level, (line) => lines.push(line)), lines };
  }

  it('writes one JSON object per entry with time, level, service, message and context', () => {
    const { sut, lines } = capture();
    sut.log('api listening', 'NestApplication');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ level: 'info', service: 'api', msg: 'api listening', context: 'NestApplication', time: expect.any(String) });
  });

  it('drops entries below the configured level', () => {
    const { sut, lines } = capture('warn');
    sut.log('noise');
    sut.debug('more noise');
    sut.warn('disk almost full');
    expect(lines.map((line) => JSON.parse(line).msg)).toEqual(['disk almost full']);
  });

  it('keeps the stack trace of a logged error', () => {
    const { sut, lines } = capture();
    sut.error(new Error('database gone'));
    expect(JSON.parse(lines[0])).toMatchObject({ level: 'error', msg: 'database gone', trace: expect.stringContaining('Error: database gone') });
  });
});
