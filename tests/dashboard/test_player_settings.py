"""The player's setting: whether a new voicemail played to its end is marked heard."""

from dashboard.models import Profile


def test_it_marks_heard_by_default_and_the_user_can_turn_it_off(supervisor_client, sandbox_demo):
    profile = Profile.objects.get(upstream_user_id=sandbox_demo.supervisor.user_id)
    assert profile.mark_heard_after_play is True
    page = supervisor_client.get("/voicemail/?folder=0").content.decode()
    assert 'data-mark-heard="1"' in page

    # An unticked box is not posted at all: the form's own hidden field says which form it is.
    response = supervisor_client.post("/settings/", {"playback": "1"})
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.mark_heard_after_play is False
    # The time zone form was not touched.
    assert profile.time_zone == ""
    page = supervisor_client.get("/voicemail/?folder=0").content.decode()
    assert 'data-mark-heard="0"' in page
    settings_page = supervisor_client.get("/settings/").content.decode()
    assert 'name="mark_heard_after_play"' in settings_page
    assert "checked" not in settings_page.split('name="mark_heard_after_play"')[1][:80]

    supervisor_client.post("/settings/", {"playback": "1", "mark_heard_after_play": "on"})
    profile.refresh_from_db()
    assert profile.mark_heard_after_play is True
