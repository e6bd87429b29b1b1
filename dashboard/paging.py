"""What a list page says about where it is: "51–100 of 1,234", previous and next."""

from dataclasses import dataclass


@dataclass(frozen=True)
class PageSummary:
    first: int
    last: int
    total: int
    page: int
    pages: int
    # The upstream sent no total and this page was full: `total` counts up to here only.
    more: bool = False

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def previous(self) -> int:
        return max(1, self.page - 1)

    @property
    def next(self) -> int:
        return min(self.pages, self.page + 1)


def page_summary(
    *, page: int, per_page: int, shown: int, total: int, more: bool = False
) -> PageSummary:
    first = (page - 1) * per_page + 1
    pages = max(1, -(-total // per_page), page + 1 if more else 1)
    return PageSummary(
        first=first,
        last=first + shown - 1 if shown else first - 1,
        total=total,
        page=page,
        pages=pages,
        more=more,
    )
