"""Prometheus metrics, one registry per app (tests build many apps in one process).

With several workers each process keeps its own counts; Prometheus scrapes them
per pod, and sums across pods.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Histogram
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.registry import Collector

from ..analyzer import Analyzer


class _CacheCollector(Collector):
    def __init__(self, analyzer: Analyzer) -> None:
        self.analyzer = analyzer

    def collect(self):  # type: ignore[no-untyped-def]
        stats = self.analyzer.cache.stats
        backend = self.analyzer.cache.backend
        for name, value, help_text in (
            ("quotes_cache_hits", stats.hits, "Cache hits."),
            ("quotes_cache_misses", stats.misses, "Cache misses."),
            ("quotes_cache_errors", stats.errors, "Cache backend errors (served uncached)."),
            ("quotes_cache_too_large", stats.too_large, "Answers over the value limit, served uncached."),
            ("quotes_cache_skipped", stats.skipped, "Cache calls skipped while the Redis breaker was open."),
        ):
            family = CounterMetricFamily(name, help_text, labels=["backend"])
            family.add_metric([backend], value)
            yield family
        size = self.analyzer.cache.size_bytes()
        if size is not None:
            gauge = GaugeMetricFamily(
                "quotes_cache_bytes",
                "Bytes of cached answers (memory: this worker's LRU; redis: the server's used_memory).",
                labels=["backend"],
            )
            gauge.add_metric([backend], size)
            yield gauge
        counters = self.analyzer.counters
        yield CounterMetricFamily(
            "quotes_documents_processed", "Documents answered.", value=counters.documents
        )
        yield CounterMetricFamily("quotes_quotes_extracted", "Quotes returned.", value=counters.quotes)


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "quotes_http_requests", "HTTP requests.", ["method", "route", "status"], registry=self.registry
        )
        self.latency = Histogram(
            "quotes_http_request_duration_seconds",
            "HTTP request latency.",
            ["method", "route"],
            buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
            registry=self.registry,
        )

    def watch(self, analyzer: Analyzer) -> None:
        self.registry.register(_CacheCollector(analyzer))
