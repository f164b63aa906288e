/**
 * Stage protection of a service's REST API, from `custom.apiProtection` (stage parameters, so every
 * stage deploys the same template source):
 * - `authorization`: AWS_IAM or NONE, set on every method, so no route can be left open by omission;
 * - `rateLimit` / `burstLimit`: the stage's default method throttling (requests per second / burst).
 * osls has no option for either on the stage it creates through its Deployment resource (whose
 * logical id changes on every deploy), hence this hook on the compiled template.
 */
const AUTHORIZATION_TYPES = ['AWS_IAM', 'NONE'];

class ApiProtection {
  constructor(serverless) {
    this.serverless = serverless;
    this.hooks = { 'after:package:compileEvents': () => this.protect() };
  }

  protect() {
    const settings = this.serverless.service.custom?.apiProtection;
    const fail = (message) => {
      throw new this.serverless.classes.Error(`custom.apiProtection: ${message}`);
    };
    if (!settings) fail('is required (authorization, rateLimit, burstLimit)');
    const { authorization } = settings;
    const rateLimit = Number(settings.rateLimit);
    const burstLimit = Number(settings.burstLimit);
    if (!AUTHORIZATION_TYPES.includes(authorization))
      fail(`authorization must be one of ${AUTHORIZATION_TYPES.join(', ')}, got ${authorization}`);
    if (!(rateLimit > 0) || !Number.isInteger(burstLimit) || burstLimit < 1)
      fail(
        `rateLimit and burstLimit must be positive numbers, got ${settings.rateLimit} / ${settings.burstLimit}`,
      );

    const resources = this.serverless.service.provider.compiledCloudFormationTemplate.Resources;
    for (const [logicalId, resource] of Object.entries(resources)) {
      if (resource.Type === 'AWS::ApiGateway::Method' && resource.Properties.HttpMethod !== 'OPTIONS') {
        if (resource.Properties.AuthorizerId)
          fail(`${logicalId} has its own authorizer; this plugin would replace it`);
        resource.Properties.AuthorizationType = authorization;
      }
      if (resource.Type === 'AWS::ApiGateway::Deployment') {
        resource.Properties.StageDescription = {
          ...resource.Properties.StageDescription,
          ThrottlingRateLimit: rateLimit,
          ThrottlingBurstLimit: burstLimit,
        };
      }
    }
  }
}

module.exports = ApiProtection;
