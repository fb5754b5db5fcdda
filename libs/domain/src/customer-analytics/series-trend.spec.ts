import { daysAgo, NOW } from './customer-facts.builder';
import { seriesTrend } from './series-trend';

const window = { from: daysAgo(180), to: NOW, flatTolerance: 0.05 };
const figure = (id: string, days: number, value: number) => ({ id, at: daysAgo(days), value });

describe(seriesTrend.name, () => {
  it('falls when the second half of the window averages lower, with both means and the figures', () => {
    const sut = seriesTrend([figure('r1', 170, 4.5), figure('r2', 120, 4.3), figure('r3', 20, 3)], window);
    expect(sut).toMatchObject({ direction: 'falling', earlier: 4.4, later: 3, figures: [{ id: 'r1' }, { id: 'r2' }, { id: 'r3' }] });
    expect(sut.change).toBeCloseTo(-1.4);
  });

  it('is flat within the tolerance', () => {
    expect(seriesTrend([figure('r1', 150, 4), figure('r2', 10, 4.1)], window).direction).toBe('flat');
  });

  it('rises', () => {
    expect(seriesTrend([figure('r1', 150, 3), figure('r2', 10, 4)], window).direction).toBe('rising');
  });

  it('cannot tell without figures in both halves, and leaves out figures before the window', () => {
    expect(seriesTrend([figure('old', 400, 1), figure('r2', 10, 4)], window)).toMatchObject({ direction: 'unknown', earlier: null, figures: [{ id: 'r2' }] });
  });
});
