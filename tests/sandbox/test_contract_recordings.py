"""Monitors (call recordings) and voicemessages: lists, records, MP3, folder moves, deletes."""

import io

import pytest
from mutagen.mp3 import MP3

from sandbox.models import Monitor, Voicemessage


@pytest.mark.parametrize(
    "path, own, colleagues, foreign",
    [
        ("/monitors", "agent_recording", "supervisor_recording", "globex_recording"),
        ("/voicemessages", "agent_voicemail", "supervisor_voicemail", "globex_voicemail"),
    ],
)
@pytest.mark.parametrize("suffix", ["", ".mp3"])
def test_one_recording_by_role(sandbox_api, sandbox_world, path, own, colleagues, foreign, suffix):
    ids = sandbox_world.ids
    assert sandbox_api.get(f"{path}/{ids[own]}{suffix}", who="agent").status_code == 200
    assert sandbox_api.get(f"{path}/{ids[colleagues]}{suffix}", who="agent").status_code == 403
    assert sandbox_api.get(f"{path}/{ids[foreign]}{suffix}", who="supervisor").status_code == 404
    assert sandbox_api.get(f"{path}/99999{suffix}").status_code == 404
    assert sandbox_api.get(f"{path}/x{suffix}").status_code == 404
    assert sandbox_api.get(f"{path}/{ids[own]}{suffix}", who=None).status_code == 401


def test_a_monitor_record_has_the_envelope_and_types(sandbox_api, sandbox_world):
    body = sandbox_api.get(f"/monitors/{sandbox_world.ids['agent_recording']}").json()
    assert body["links"] == {}
    assert body["data"]["timestamp"] == "2026-03-02 09:00:00"
    assert body["data"]["duration"] == 3


@pytest.mark.parametrize(
    "path, key", [("/monitors", "agent_recording"), ("/voicemessages", "agent_voicemail")]
)
def test_the_mp3_is_real_audio_of_the_records_length(sandbox_api, sandbox_world, path, key):
    record = sandbox_api.get(f"{path}/{sandbox_world.ids[key]}").json()["data"]
    response = sandbox_api.get(f"{path}/{sandbox_world.ids[key]}.mp3")
    assert response.status_code == 200
    assert response["Content-Type"] == "audio/mpeg"
    # The live service names no file: a client must not come to rely on a name from here.
    assert "Content-Disposition" not in response
    audio = MP3(io.BytesIO(response.content))
    assert abs(audio.info.length - record["duration"]) < 0.2
    if "size" in record:
        assert record["size"] == len(response.content)


def test_the_mp3_ignores_range_over_http(sandbox_url, live_sandbox_world):
    import requests

    path = f"{sandbox_url}/monitors/{live_sandbox_world.ids['agent_recording']}.mp3"
    headers = {**live_sandbox_world.auth("agent"), "Range": "bytes=0-99"}
    response = requests.get(path, headers=headers, timeout=10)
    assert response.status_code == 200
    assert len(response.content) == int(response.headers["Content-Length"]) > 100
    assert response.headers["Content-Type"] == "audio/mpeg"


# --- Voicemail folders ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "folder, stored", [(2, 2), ("old", 1), ("URGENT", 11), ("Family", 3), ("4", 4)]
)
def test_it_moves_voicemessages_by_folder_number_or_name(
    sandbox_api, sandbox_world, folder, stored
):
    ids = sandbox_world.ids
    response = sandbox_api.patch(
        "/voicemessages",
        [
            {"id": ids["agent_voicemail"], "folder": folder},
            {"id": ids["agent_voicemail_old"], "folder": 0},
        ],
        who="agent",
    )
    assert response.status_code == 200
    body = response.json()
    assert body["total"] == 2
    assert [row["folder"] for row in body["data"]] == [stored, 0]
    assert Voicemessage.objects.get(pk=ids["agent_voicemail"]).folder == stored


@pytest.mark.parametrize("folder", ["Spam", 5, -1, None, True, [], "1.0"])
def test_an_unknown_folder_is_a_400_naming_the_item_and_nothing_moves(
    sandbox_api, sandbox_world, folder
):
    ids = sandbox_world.ids
    response = sandbox_api.patch(
        "/voicemessages",
        [
            {"id": ids["agent_voicemail_old"], "folder": 2},
            {"id": ids["agent_voicemail"], "folder": folder},
        ],
        who="agent",
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "[1].folder"
    assert "item 1" in response.json()["message"]
    assert Voicemessage.objects.get(pk=ids["agent_voicemail_old"]).folder == 1


def test_moving_a_colleagues_voicemessage_is_a_404_and_nothing_moves(sandbox_api, sandbox_world):
    ids = sandbox_world.ids
    response = sandbox_api.patch(
        "/voicemessages",
        [
            {"id": ids["agent_voicemail"], "folder": 2},
            {"id": ids["supervisor_voicemail"], "folder": 2},
        ],
        who="agent",
    )
    assert response.status_code == 404
    assert Voicemessage.objects.get(pk=ids["agent_voicemail"]).folder == 0


def test_voicemessage_patch_rejects_other_fields_and_bad_bodies(sandbox_api, sandbox_world):
    item = {"id": sandbox_world.ids["agent_voicemail"], "transcript": "x"}
    assert sandbox_api.patch("/voicemessages", [item]).status_code == 400
    assert sandbox_api.patch("/voicemessages", "nope").status_code == 400
    assert sandbox_api.patch("/voicemessages", [item], who=None).status_code == 401


# --- Deletes -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path, model, own, colleagues",
    [
        ("/monitors", Monitor, "agent_recording", "supervisor_recording"),
        ("/voicemessages", Voicemessage, "agent_voicemail", "supervisor_voicemail"),
    ],
)
def test_id_list_deletes_are_all_or_nothing(
    sandbox_api, sandbox_world, path, model, own, colleagues
):
    ids = sandbox_world.ids
    mixed = sandbox_api.delete(f"{path}/{ids[own]},{ids[colleagues]}", who="agent")
    assert mixed.status_code == 404
    assert model.objects.filter(pk=ids[own]).exists()
    unknown = sandbox_api.delete(f"{path}/{ids[own]},999999", who="agent")
    assert unknown.status_code == 404
    assert "999999" in unknown.json()["message"]
    assert model.objects.filter(pk=ids[own]).exists()

    both = sandbox_api.delete(f"{path}/{ids[own]},{ids[colleagues]}", who="supervisor")
    assert both.status_code == 204
    assert both.content == b""
    assert not model.objects.filter(pk__in=[ids[own], ids[colleagues]]).exists()


@pytest.mark.parametrize("path", ["/monitors", "/voicemessages", "/chatmsgs"])
@pytest.mark.parametrize("ids", ["1,,2", "1,a", "1;2", "-1", ",", "1.5", "%20"])
def test_a_malformed_id_list_is_a_400(sandbox_api, path, ids):
    response = sandbox_api.delete(f"{path}/{ids}")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "ids"


@pytest.mark.parametrize(
    "path, model, status",
    [("/monitors", Monitor, 202), ("/voicemessages", Voicemessage, 202)],
)
def test_deleting_a_collection_removes_what_the_caller_may_see(
    sandbox_api, sandbox_world, path, model, status
):
    response = sandbox_api.delete(path, who="agent")
    assert response.status_code == status
    assert response.content == b""
    assert not model.objects.filter(user_id=sandbox_world.accounts["agent"]).exists()
    assert model.objects.filter(user_id=sandbox_world.accounts["supervisor"]).exists()
    assert model.objects.filter(user_id=sandbox_world.accounts["other_admin"]).exists()
    assert sandbox_api.delete(path, who=None).status_code == 401
