import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { LineChart } from './line-chart';

describe('LineChart', () => {
  it('labels both axes: time in seconds across, the unit up', () => {
    const { container } = render(
      <LineChart title="Throughput" unit="Mbit/s" series={[{ name: 'Sent', points: [{ x: 1, y: 900 }, { x: 3, y: 940 }] }]} />,
    );
    expect(container.querySelector('[data-axis="x"]')).toHaveTextContent(/^13Time \(s\)$/);
    expect(container.querySelector('[data-axis="y"]')).toHaveTextContent('Mbit/s');
    expect(screen.getByRole('img')).toHaveAccessibleName('Throughput: Sent latest 940 Mbit/s');
  });

  it('takes other axis titles, and draws no y title without a unit or label', () => {
    const { container } = render(
      <LineChart title="Ping round trips" unit="" xLabel="Ping" series={[{ name: 'RTT', points: [{ x: 1, y: 12 }] }]} />,
    );
    expect(container.querySelector('[data-axis="x"]')).toHaveTextContent(/Ping$/);
    expect(container.querySelector('[data-axis="y"]')).toBeNull();
  });
});
