import Logging
import ParkWatchConfig
import ParkWatchStore
import ParkWatchWebhooks
import ServiceLifecycle

/// The outbox's delivery as a service, for `run` and `watch`, when the configuration names webhooks.
enum ConfiguredWebhooks {
    static func services(_ configuration: Configuration?, store: ParkWatchDatabase, logger: Logger) -> [ServiceGroupConfiguration.ServiceConfiguration] {
        guard let webhooks = configuration?.webhooks, !webhooks.isEmpty else { return [] }
        return [.init(service: WebhookDelivery(store: store, targets: webhooks, logger: logger))]
    }
}
