"""Sync over a message queue, against the real RabbitMQ broker (127.0.0.1:5672, or
``$SEAMGUARD_BROKER_URL``): the example service's consumer settles each message as it should, its
queue variants really have their bug, and each run keeps to queues of its own.

These tests never skip: with the broker down they fail and say how to start it (``.ci/run``
starts it when it is not up).
"""

from __future__ import annotations

import asyncio
import os
import socket
from urllib.parse import urlsplit

import pytest

from seamguard.contracts.catalog import ContractCatalog
from seamguard.errors import UsageError
from seamguard.project import find_project
from seamguard.sync.execute import Trace
from seamguard.sync.harness import RunResult, SyncHarness
from seamguard.sync.properties import Violation
from seamguard.sync.queue import DEFAULT_BROKER_URL
from seamguard.sync.script import Event, Script, Step
from tests.integration.test_shop_sync_service import customer, order, refund
from tests.support.projects import REPO

ORDERS = "shopify-order-to-hubspot-deal"
BROKER_URL = os.environ.get("SEAMGUARD_BROKER_URL", DEFAULT_BROKER_URL)


@pytest.fixture(scope="module", autouse=True)
def broker() -> None:
    parts = urlsplit(BROKER_URL)
    try:
        socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 5672), 3).close()
    except OSError as exc:
        pytest.fail(f"RabbitMQ is not reachable at {parts.hostname}:{parts.port} ({exc}): start "
                    "it with `service rabbitmq-server start` (or `rabbitmq-server -detached`), "
                    "or set SEAMGUARD_BROKER_URL", pytrace=False)


def harness(variant: str | None = None, seed: int = 1, examples: int = 60) -> SyncHarness:
    project = find_project(REPO, explicit=True)
    made = SyncHarness(project, ContractCatalog(project), "shop_queue", examples=examples,
                       seed=seed, variant=variant)
    made.shrink_budget = 60
    return made


def play(steps: list[Step], events: list[Event],
         variant: str | None = None) -> tuple[Trace, list[Violation]]:
    return harness(variant).play(Script(events, steps))


def created(label: str = "e1", **changes: object) -> Event:
    return Event.make(label, "orders/create", order(**changes), ORDERS)  # type: ignore[arg-type]


def answers(trace: Trace) -> list[tuple[str, int, str]]:
    return [(d.label, d.attempt, d.answer.text) for d in trace.deliveries]


def test_a_message_is_acked_after_its_write_and_a_crash_before_the_ack_is_redelivered() -> None:
    event = created()
    trace, violations = play([Step("e1", fault="crash-before-commit")], [event])
    assert violations == []
    assert answers(trace) == [("e1", 1, "process crashed"), ("e1", 2, "ack")]
    assert trace.crashes == 1
    assert [e.kind for e in trace.side_effects] == ["create"]  # written once, by the redelivery


def test_a_crash_after_the_crm_committed_is_redelivered_and_changes_nothing_twice() -> None:
    trace, violations = play([Step("e1", fault="crash-after-commit")], [created()])
    assert violations == []
    assert answers(trace)[-1] == ("e1", 2, "ack")
    assert len(trace.records["deals"]) == 1


def test_an_unreadable_message_is_dead_lettered_with_a_review_item() -> None:
    trace, violations = play([Step("e1", poison="not-json"), Step("e1")], [created()])
    assert violations == []
    assert answers(trace) == [("e1", 1, "reject (no requeue) (dead-lettered)"), ("e1", 1, "ack")]
    assert [(d.event_id, d.reason) for d in trace.dead_letters] == [
        (created().event_id, "rejected")]
    assert [i["reason"] for i in trace.review] == ["unreadable"]


def test_a_crm_outage_goes_through_the_retry_queue_and_comes_back_on_the_clock() -> None:
    trace, violations = play([Step("e1", fault="crm-503")], [created()])
    assert violations == []
    assert answers(trace) == [("e1", 1, "ack (to the retry queue)"), ("e1", 2, "ack")]
    first, again = trace.deliveries[0].at, trace.deliveries[1].at
    assert first is not None
    assert again is not None
    assert again > first  # the harness's backoff passed


def test_two_messages_of_one_record_at_once_on_two_consumers_make_one_deal() -> None:
    trace, violations = play([Step("e1", together=True)], [created()])
    assert violations == []
    assert len(trace.records["deals"]) == 1


def test_ack_before_side_effect_loses_the_event_when_the_process_crashes() -> None:
    # A refund is written without a plan the restarted service could finish (an order's is):
    # acked before the write, it is lost when the process dies at that write.
    paid = created()
    money_back = Event.make("e2", "refunds/create", refund(61, 5829461287001, "35.00"), ORDERS)
    steps = [Step("e1"), Step("e2", fault="crash-before-commit")]
    trace, violations = play(steps, [paid, money_back], variant="ack_before_side_effect")
    assert answers(trace)[-1] == ("e2", 1, "ack, then the process crashed")
    assert violations[0].property == "no-lost-event"
    trace, violations = play(steps, [paid, money_back])
    assert answers(trace)[-2:] == [("e2", 1, "process crashed"), ("e2", 2, "ack")]
    assert violations == []


def test_dlq_without_review_leaves_a_dead_letter_nobody_will_see() -> None:
    trace, violations = play([Step("e1", poison="not-an-object")], [created()],
                             variant="dlq_without_review")
    assert len(trace.dead_letters) == 1
    assert trace.review == []
    assert [v.property for v in violations] == ["dead-letter-review"]


def test_dedupe_on_message_id_processes_an_event_published_again() -> None:
    parked = created(status="expired")  # an unknown status: parked for review
    trace, violations = play([Step("e1"), Step("e1", delay=3600)], [parked],
                             variant="dedupe_on_message_id")
    assert [i["reason"] for i in trace.review] == ["unknown-value"] * 2
    assert violations[0].property == "idempotency"


def test_customers_flow_through_the_queue_too() -> None:
    event = Event.make("e1", "customers/create", customer(), "shopify-customer-to-hubspot-contact")
    trace, violations = play([Step("e1")], [event])
    assert violations == []
    assert len(trace.records["contacts"]) == 1


def _exists(name: str) -> bool:
    import aio_pika

    async def check() -> bool:
        connection = await aio_pika.connect(BROKER_URL)
        try:
            channel = await connection.channel()
            try:
                await channel.declare_queue(name, passive=True)
            except aio_pika.exceptions.ChannelClosed:
                return False
            return True
        finally:
            await connection.close()

    return asyncio.run(check())


def test_each_run_declares_queues_of_its_own_and_deletes_them() -> None:
    one, two = harness(), harness()
    with one._session(RunResult("shop_queue", 0)), two._session(RunResult("shop_queue", 0)):
        seen = [one.placeholders["queue"], two.placeholders["queue"]]
        assert seen[0] != seen[1]
        assert all(_exists(q) for q in seen)
        assert one.placeholders["broker_url"] != two.placeholders["broker_url"]
    assert not any(_exists(q) for q in seen)


def test_an_unreachable_broker_is_a_usage_error_with_a_hint() -> None:
    made = harness()
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    made.target = made.target.model_copy(
        update={"broker_url": f"amqp://guest:guest@127.0.0.1:{port}/"})
    with pytest.raises(UsageError) as caught:
        made.play(Script([created()], [Step("e1")]))
    assert f"cannot connect to RabbitMQ at 127.0.0.1:{port}" in caught.value.message
    assert "rabbitmq-server" in (caught.value.hint or "")


def _with_login(user: str, password: str, vhost: str) -> str:
    parts = urlsplit(BROKER_URL)
    return f"amqp://{user}:{password}@{parts.hostname}:{parts.port or 5672}/{vhost}"


@pytest.mark.parametrize(("url", "said"), [
    (_with_login("guest", "not-the-password", ""), "refused the user name or password"),
    (_with_login("seamguard-nobody", "pw", ""), "refused the user name or password"),
    (_with_login("guest", "guest", "no-such-vhost"), "virtual host 'no-such-vhost'"),
])
def test_a_broker_that_refuses_the_login_or_vhost_says_so_and_not_to_start_it(
        url: str, said: str) -> None:
    made = harness()
    made.target = made.target.model_copy(update={"broker_url": url})
    with pytest.raises(UsageError) as caught:
        made.play(Script([created()], [Step("e1")]))
    assert said in caught.value.message
    assert "did not speak AMQP" not in caught.value.message
    assert "list_users" in (caught.value.hint or "")
    assert "rabbitmq-server -detached" not in (caught.value.hint or "")
    assert "not-the-password" not in str(caught.value)


def test_a_consumer_that_never_settles_is_a_deadline_finding() -> None:
    made = harness()
    made.deadline = 1.0
    made.target = made.target.model_copy(update={"env": {
        **made.target.env, "SHOP_SYNC_QUEUE": "{dead_letter_queue}"}})  # consumes elsewhere
    _, violations = made.play(Script([created()], [Step("e1")]))
    assert [v.property for v in violations] == ["deadline"]
    assert "1 message(s) on seamguard.shop_queue." in violations[0].anomaly
    assert "no final ack, nack or reject from the consumer" in violations[0].anomaly


def test_never_acks_stalls_the_queue_and_the_finding_says_the_message_is_held() -> None:
    made = harness(variant="never_acks")
    made.deadline = 1.0
    trace, violations = made.play(Script([created()], [Step("e1")]))
    assert [v.property for v in violations] == ["deadline"]
    anomaly = violations[0].anomaly
    assert "the broker handed it to the consumer (1 time(s)), which never acked" in anomaly
    assert len(trace.records["deals"]) == 1  # applied all the same


def test_poison_requeued_is_reported_as_a_redelivery_storm_and_the_next_script_runs_clean(
        ) -> None:
    made = harness(variant="poison_requeued")
    made.deadline = 1.0
    script = Script([created()], [Step("e1", poison="not-json")])
    _, violations = made.play(script)
    assert [v.property for v in violations] == ["deadline"]
    assert "a redelivery storm" in violations[0].anomaly
    assert "nack (requeue) x" in violations[0].anomaly
    # the harness restarted the consumer on empty queues: a readable message goes through
    _, violations = made.play(Script([created()], [Step("e1")]))
    assert violations == []


def test_poison_blocks_is_cut_off_by_the_deadline_and_names_where_it_blocks() -> None:
    made = harness(variant="poison_blocks", examples=5)
    made.deadline = 1.0
    result = made.run(replay_regressions=False)
    failure = result.failures[0]
    assert failure.violation.property == "deadline"
    anomaly = failure.violation.anomaly
    assert "its thread is blocked in handle() at " in anomaly
    assert "shop_sync/consumer.py:" in anomaly
    # nothing more can be played to a consumer whose thread stays blocked; the script ends
    # with the unreadable message it blocked on (the steps after it were never played)
    assert "still blocks the system under test" in anomaly
    assert failure.script.steps[-1].poison is not None
    assert failure.trace.stopped_at == len(failure.script.steps) - 1


def test_a_consumer_that_does_not_restart_after_a_hang_keeps_the_finding(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from seamguard.sync.adapters import HttpAdapter

    async def no_restart(self: HttpAdapter) -> None:
        raise UsageError("the service failed to start: broker refused the connection")

    monkeypatch.setattr(HttpAdapter, "restart", no_restart)
    made = harness(variant="never_acks", examples=5)
    made.deadline = 1.0
    result = made.run(replay_regressions=False)
    assert [f.violation.property for f in result.failures] == ["deadline"]
    anomaly = result.failures[0].violation.anomaly
    assert "which never acked, nacked or rejected it" in anomaly
    assert ("the service, restarted after it hung (the service failed to start: broker refused "
            "the connection), still blocks the system under test") in anomaly


def test_crm_failure_acked_loses_the_event_a_crm_outage_met() -> None:
    trace, violations = play([Step("e1", fault="crm-503")], [created()],
                             variant="crm_failure_acked")
    assert answers(trace) == [("e1", 1, "ack")]  # not to the retry queue
    assert trace.records["deals"] == []
    assert violations[0].property == "no-lost-event"


def test_redelivered_taken_as_done_loses_a_refund_whose_first_try_crashed() -> None:
    paid = created()
    money_back = Event.make("e2", "refunds/create", refund(61, 5829461287001, "35.00"), ORDERS)
    steps = [Step("e1"), Step("e2", fault="crash-before-commit")]
    trace, violations = play(steps, [paid, money_back], variant="redelivered_taken_as_done")
    assert answers(trace)[-2:] == [("e2", 1, "process crashed"), ("e2", 2, "ack")]
    assert violations[0].property == "no-lost-event"
    assert trace.records["deals"][0].properties["amount"] == "935.00"  # should be 900.00
