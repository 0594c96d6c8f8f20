"""A push whose topic the contract does not declare (a TMC message's ``topic``) is
``webhook.undocumented``, with the documented topic it most likely means."""

from __future__ import annotations

import pytest

from seamguard.contracts.catalog import ContractCatalog
from seamguard.findings import Finding
from seamguard.project import find_project
from seamguard.recordings.cassettes import Cassette
from seamguard.verify import RecordedVerifier
from tests.support import gateway_docs_corpus as corpus
from tests.support.projects import REPO


def _verify(topic: str) -> list[Finding]:
    project = find_project(REPO, explicit=True)
    verifier = RecordedVerifier(project, ContractCatalog(project))
    body = corpus._tmc(topic, {"tid": corpus.TID, "seller_nick": "演示旗舰店"})
    item = corpus._tmc_case("tmc", body, []).interaction(project, 0)
    cassette = Cassette(path=REPO / "tmc.yaml", display="tmc.yaml", interactions=[item])
    return verifier.verify(cassette, item)


@pytest.mark.parametrize(("topic", "meant"), [
    ("taobao_trade_TradeSelerShip", "'taobao_trade_TradeSellerShip'"),
    ("taobao_trade_tradeclose", "'taobao_trade_TradeClose'")])
def test_a_misspelt_topic_is_undocumented_with_what_it_means(topic: str, meant: str) -> None:
    [finding] = _verify(topic)
    assert (finding.code, finding.actual) == ("webhook.undocumented", topic)
    assert finding.hint is not None
    assert finding.hint.startswith(f"did you mean {meant}")


def test_a_topic_like_none_says_where_to_declare_it() -> None:
    [finding] = _verify("alibaba_fenxiao_OrderCreate")
    assert finding.code == "webhook.undocumented"
    assert finding.hint == "add it under `webhooks:` in the contract"
