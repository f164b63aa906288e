// The CloudWatch dashboard of one stage, built here so its JSON stays readable. The region is
// spliced in with Fn::Join so the same template works in any region.
const { services } = require('./services.json');

const REGION = '__REGION__';
const publishing = services.filter((s) => s.outbox).map((s) => s.name);
const consuming = services.map((s) => s.name);
const metric = (name, service, stat = 'Sum') => ['Saga', name, 'service', service, { stat }];
const widget = (title, metrics, x, y) => ({
  type: 'metric',
  x,
  y,
  width: 12,
  height: 6,
  properties: { title, metrics, view: 'timeSeries', period: 60, region: REGION },
});

const body = JSON.stringify({
  widgets: [
    widget(
      'Sagas',
      [
        metric('SagasStarted', 'orders'),
        metric('SagasConfirmed', 'orders'),
        metric('SagasCompensated', 'orders'),
      ],
      0,
      0,
    ),
    widget(
      'Saga duration (ms)',
      [metric('SagaDuration', 'orders', 'p50'), metric('SagaDuration', 'orders', 'p99')],
      12,
      0,
    ),
    widget(
      'Outbox lag (s)',
      publishing.map((s) => metric('OutboxLag', s, 'Maximum')),
      0,
      6,
    ),
    widget(
      'Events failed / duplicates skipped',
      consuming.flatMap((s) => [metric('EventsFailed', s), metric('EventsDuplicateSkipped', s)]),
      12,
      6,
    ),
  ],
});

const parts = body.split(REGION);
module.exports.body = {
  'Fn::Join': ['', parts.flatMap((part, i) => (i === 0 ? [part] : [{ Ref: 'AWS::Region' }, part]))],
};
