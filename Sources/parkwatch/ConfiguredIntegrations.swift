import Logging
import ParkWatchConfig
import ParkWatchMQTT
import ParkWatchStore
import ParkWatchWebhooks
import ServiceLifecycle

/// What the configuration sends to other systems, as services for `run` and `watch`: the webhook
/// outbox's delivery, and the MQTT publisher.
enum ConfiguredIntegrations {
    static func services(_ configuration: Configuration?, store: ParkWatchDatabase, logger: Logger) -> [ServiceGroupConfiguration.ServiceConfiguration] {
        guard let configuration else { return [] }
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = []
        if !configuration.webhooks.isEmpty {
            services.append(.init(service: WebhookDelivery(store: store, targets: configuration.webhooks, logger: logger)))
        }
        if let mqtt = configuration.mqtt {
            let lots = configuration.cameras.mapValues(\.lot)
            services.append(.init(service: MQTTPublisher(store: store, config: mqtt, lots: lots, logger: logger)))
        }
        return services
    }
}
