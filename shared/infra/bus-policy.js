/**
 * The saga bus's resource policy. Producers and their sources: every service with an outbox
 * (its relay, sweeper and pipe roles publish). Same-account IAM allows are not enough to keep
 * other principals off a bus, hence explicit denies.
 */
const PRODUCERS = {
  orders: 'saga.orders',
  inventory: 'saga.inventory',
  payments: 'saga.payments',
};

module.exports.policy = ({ resolveVariable }) =>
  resolveVariable('sls:stage').then((stage) => {
    const roleOf = (service) => ({
      'Fn::Sub': `arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/saga-${service}-${stage}-*`,
    });
    const bus = {
      'Fn::Sub': `arn:\${AWS::Partition}:events:\${AWS::Region}:\${AWS::AccountId}:event-bus/saga-${stage}`,
    };
    return {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'OnlyProducerRolesPutEvents',
          Effect: 'Deny',
          Principal: '*',
          Action: 'events:PutEvents',
          Resource: bus,
          Condition: { StringNotLike: { 'aws:PrincipalArn': Object.keys(PRODUCERS).map(roleOf) } },
        },
        ...Object.entries(PRODUCERS).map(([service, source]) => ({
          Sid: `${service}PutsOnlyItsOwnSource`,
          Effect: 'Deny',
          Principal: '*',
          Action: 'events:PutEvents',
          Resource: bus,
          Condition: {
            StringLike: { 'aws:PrincipalArn': roleOf(service) },
            StringNotEquals: { 'events:source': source },
          },
        })),
      ],
    };
  });
