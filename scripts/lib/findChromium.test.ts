import { ChromiumNotFoundError, findChromium } from './findChromium';

describe('findChromium', () => {
  it('takes CHROMIUM_PATH first when it is executable', () => {
    expect(findChromium({ CHROMIUM_PATH: process.execPath })).toEqual({
      executablePath: process.execPath,
      source: 'CHROMIUM_PATH',
    });
  });

  it('names a CHROMIUM_PATH that is not executable instead of looking elsewhere', () => {
    expect(() => findChromium({ CHROMIUM_PATH: '/nonexistent/chromium' })).toThrow(
      new ChromiumNotFoundError('CHROMIUM_PATH=/nonexistent/chromium is not an executable file'),
    );
  });
});
