"""AdminClient's paging and its array-bodied writes with per-item results, without the
emulator: the requests it makes are answered from a script."""

from __future__ import annotations

from types import SimpleNamespace

from ansible_collections.cxone.cxone.plugins.module_utils._errors import APIError
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.admin import client as admin_client
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.admin.client import AdminClient


class Scripted(AdminClient):
    """An AdminClient whose requests are answered by ``answer(method, path, params, json)``."""

    def __init__(self, answer, cache_dir=None):
        super().__init__("key", "key-secret", "app", "app-secret", base_url="https://api.example",
                         token_cache=cache_dir is not None, cache_dir=cache_dir)
        self.answer = answer
        self.sent = []

    def request(self, method, path, params=None, json=None, headers=None, idempotent=None):
        self.sent.append((method, path, dict(params or {}), json))
        status, body = self.answer(method, path, params or {}, json)
        if isinstance(body, Exception):
            raise body
        return SimpleNamespace(status=status, body=body)


def test_paging_by_skip_until_the_total():
    rows = [{"id": n} for n in range(250)]

    def answer(_method, _path, params, _json):
        skip, top = int(params["skip"]), int(params["top"])
        return 200, {"skills": rows[skip:skip + top], "totalRecords": len(rows)}

    client = Scripted(answer)
    assert client.paginate("/skills") == rows
    assert [sent[2]["skip"] for sent in client.sent] == [0, 100, 200]


def test_paging_follows_the_next_link_and_a_204_is_empty():
    pages = {"0": ({"agents": [{"id": 1}], "totalRecords": 2, "_links": {"next": "https://x/agents?top=1&skip=1"}}),
             "1": ({"agents": [{"id": 2}], "totalRecords": 2})}
    client = Scripted(lambda _m, _p, params, _j: (200, pages[str(params["skip"])]))
    assert client.paginate("/agents") == [{"id": 1}, {"id": 2}]
    assert client.sent[1][2] == {"top": "1", "skip": "1"}
    assert Scripted(lambda *_a: (204, None)).paginate("/agents") == []


def test_an_empty_page_ends_the_list():
    client = Scripted(lambda _m, _p, params, _j: (200, {"skills": [] if params["skip"] else [{"id": 1}],
                                                        "totalRecords": 5}))
    assert client.paginate("/skills") == [{"id": 1}]


def test_per_item_results_of_a_write_that_partly_failed():
    def answer(_method, _path, _params, json):
        results = [{"skillId": index, "success": index != 1} if index != 2 else {"error": "name taken"}
                   for index, _item in enumerate(json["skills"])]
        return 200, {"resultSet": {"skillsResults": results}, "errorCount": 2}

    outcomes = Scripted(answer).write_items("POST", "/skills", "skills", [{}, {}, {}, {}], ("skillsResults",))
    assert [outcome.ok for outcome in outcomes] == [True, False, False, True]
    assert "name taken" in str(outcomes[2].error)
    assert outcomes[3].body == {"skillId": 3, "success": True}


def test_a_missing_result_and_a_whole_request_that_failed_fail_their_items():
    short = Scripted(lambda *_a: (200, {"results": [{"ok": True}]}))
    outcomes = short.write_items("PUT", "/skills/1/agents", "agents", [{}, {}], ("agentResults", "results"))
    assert [outcome.ok for outcome in outcomes] == [True, False]
    assert "no result for item 1" in str(outcomes[1].error)
    refused = Scripted(lambda *_a: (500, APIError("PUT", "/x", 500, "server", "boom")))
    assert [o.ok for o in refused.write_items("PUT", "/x", "agents", [{}, {}], ("results",))] == [False, False]


def test_a_write_of_more_items_than_a_request_takes_is_split(monkeypatch):
    monkeypatch.setattr(admin_client, "ITEM_LIMIT", 2)
    client = Scripted(lambda _m, _p, _q, json: (200, {"results": [{} for _item in json["agents"]]}))
    outcomes = client.write_items("POST", "/skills/1/agents", "agents", [{"n": n} for n in range(5)], ("results",))
    assert len(outcomes) == 5 and all(o.ok for o in outcomes)
    assert [len(sent[3]["agents"]) for sent in client.sent] == [2, 2, 1]
