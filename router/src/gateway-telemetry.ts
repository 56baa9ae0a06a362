/**
 * @apollo/gateway 2.x, unless `APOLLO_TELEMETRY_DISABLED` is set when an `ApolloGateway` is
 * constructed, exports anonymous usage metrics to Apollo every few minutes and first probes the
 * AWS, GCP, Azure and Alibaba instance-metadata endpoints to label them. A shop's router must not
 * phone home or poke link-local addresses on its own, so it is off unless asked for
 * (`RouterOptions.apolloTelemetry`). The library reads only this variable, hence writing it.
 */
export function configureGatewayTelemetry(enabled: boolean): void {
  if (enabled) delete process.env.APOLLO_TELEMETRY_DISABLED;
  else process.env.APOLLO_TELEMETRY_DISABLED = 'true';
}
