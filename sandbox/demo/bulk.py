"""Fast inserts for the demo seeder: rows as plain tuples, written with one executemany a batch.

Building a million model instances and letting `bulk_create` prepare every field of every row
takes minutes; the seeder instead yields tuples in a declared column order, and only the few
columns whose Python value differs from the database value (datetimes, JSON) are adapted.
Ids are assigned by the seeder, so related rows can point at each other without reading
anything back.
"""

from collections.abc import Callable, Sequence
from typing import Any

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, models

BATCH_SIZE = 5000


def _adapter(field: models.Field) -> Callable[[Any], Any] | None:
    """How a Python value becomes a database value for this column, if not as it is."""
    if isinstance(field, models.DateTimeField | models.JSONField):
        return lambda value: field.get_db_prep_save(value, connection)
    return None


class TableWriter:
    """Buffers rows of one model and inserts them a batch at a time.

    `columns` are the attribute names the caller's tuples hold, in order (`id` first). Any
    other concrete column gets its field default, so adding an optional column to a model
    does not break the seeder.
    """

    def __init__(self, model: type[models.Model], columns: Sequence[str]) -> None:
        fields = {field.attname: field for field in model._meta.concrete_fields}
        unknown = set(columns) - set(fields)
        if unknown:
            raise ValueError(f"{model.__name__} has no column {sorted(unknown)}")
        self.model = model
        self.rows_written = 0
        self._buffer: list[tuple] = []
        self._adapters = [
            (position, adapter)
            for position, name in enumerate(columns)
            if (adapter := _adapter(fields[name])) is not None
        ]
        missing = [field for name, field in fields.items() if name not in columns]
        self._defaults = tuple(
            field.get_db_prep_save(field.get_default(), connection) for field in missing
        )
        names = [fields[name].column for name in columns] + [field.column for field in missing]
        quoted = ", ".join(connection.ops.quote_name(name) for name in names)
        placeholders = ", ".join(["%s"] * len(names))
        table = connection.ops.quote_name(model._meta.db_table)
        self._sql = f"INSERT INTO {table} ({quoted}) VALUES ({placeholders})"  # noqa: S608

    def add(self, row: tuple) -> None:
        if self._adapters:
            values = list(row)
            for position, adapter in self._adapters:
                values[position] = adapter(values[position])
            row = tuple(values)
        self._buffer.append(row + self._defaults)
        if len(self._buffer) >= BATCH_SIZE:
            self.flush()

    def flush(self) -> None:
        if not self._buffer:
            return
        with connection.cursor() as cursor:
            cursor.executemany(self._sql, self._buffer)
        self.rows_written += len(self._buffer)
        self._buffer = []


def next_id(model: type[models.Model]) -> int:
    """The first free id of a table: seeding into a non-empty table never collides."""
    largest = model.objects.aggregate(largest=models.Max("pk"))["largest"]
    return (largest or 0) + 1


def sandbox_models() -> list[type[models.Model]]:
    return list(apps.get_app_config("sandbox").get_models())


def sandbox_tables_empty() -> bool:
    return not any(model.objects.exists() for model in sandbox_models())


def flush_sandbox_tables() -> None:
    """Empty every sandbox table at once (`DELETE` per table, no row-by-row cascade)."""
    tables = [model._meta.db_table for model in sandbox_models()]
    statements = connection.ops.sql_flush(
        no_style(), tables, reset_sequences=True, allow_cascade=True
    )
    connection.ops.execute_sql_flush(statements)


def reset_sequences() -> None:
    """After inserting explicit ids, let the database's own id counters continue past them."""
    statements = connection.ops.sequence_reset_sql(no_style(), sandbox_models())
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
