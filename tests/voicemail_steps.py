"""Voicemail steps shared by the browser tests with and without JavaScript: the same promises
must hold either way."""


def folder_count(page, folder: str) -> int:
    """The message count the folder sidebar shows for `folder` (INBOX, Old, Work, ...)."""
    return int(page.locator(f"a[data-folder={folder}] [data-count=total]").inner_text())


def move_first_two_to_work(page) -> tuple[int, int, list[str]]:
    """From the INBOX list: tick the first two messages and move them to Work. The INBOX and
    Work counts from before, and the ids of the rows moved."""
    inbox, work = folder_count(page, "INBOX"), folder_count(page, "Work")
    assert inbox >= 4
    rows = page.locator("#record-table tbody tr")
    moving = [rows.nth(i).get_attribute("id") for i in (0, 1)]
    for row_id in moving:
        page.check(f"#{row_id} input[name=ids]")
    page.select_option("#move-to", "2")
    page.click("button[name=action][value=move]")
    return inbox, work, moving


def delete_one_then_cancel_another(page, *, inbox_after_delete: int) -> None:
    """From the INBOX list: delete the first message through the confirmation page, then start
    deleting the next one and cancel, and see it still there."""
    rows = page.locator("#record-table tbody tr")
    doomed = rows.nth(0).get_attribute("id")
    page.check(f"#{doomed} input[name=ids]")
    page.click("text=Delete selected…")
    page.wait_for_url("**/delete/voicemail/")
    assert page.locator(".confirm-list li").count() == 1
    page.click("button.button-danger")
    page.wait_for_url("**/voicemail/?folder=0")
    assert "Deleted 1 voicemail." in page.locator("#notices").inner_text()
    assert page.locator(f"#{doomed}").count() == 0
    assert folder_count(page, "INBOX") == inbox_after_delete

    kept = rows.nth(0).get_attribute("id")
    page.check(f"#{kept} input[name=ids]")
    page.click("text=Delete selected…")
    page.wait_for_url("**/delete/voicemail/")
    page.click("text=Cancel")
    page.wait_for_url("**/voicemail/?folder=0")
    assert page.locator(f"#{kept}").count() == 1
    assert folder_count(page, "INBOX") == inbox_after_delete
