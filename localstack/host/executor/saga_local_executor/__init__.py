"""LocalStack plugin: registers the host-process executor under the name ``local``."""

from localstack.services.lambda_.invocation.plugins import RuntimeExecutorPlugin


class LocalExecutorPlugin(RuntimeExecutorPlugin):
    name = "local"

    def load(self, *args, **kwargs):
        # Imported lazily: LocalStack loads plugins before its Lambda service is configured.
        from saga_local_executor.executor import LocalNodeExecutor

        return LocalNodeExecutor
