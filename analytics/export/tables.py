"""Tables as files: CSV (UTF-8 with BOM) and XLSX with a metadata sheet, formula cells neutralised in both."""

import io

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font

from analytics.export.captions import ExportContext
from analytics.localise import header_labels
from messages import listed, t
from wsis_data.spreadsheet_safety import spreadsheet_cell, spreadsheet_frame

METADATA_SHEET = "metadata"
MAX_SHEET_NAME = 31


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """Return a table as CSV (UTF-8 with BOM, for spreadsheet programs) with formula cells neutralised."""
    # CRLF rows (RFC 4180) make the writer quote a cell holding a bare carriage return, which spreadsheet
    # programs would otherwise read as the start of a new row (and a new, unneutralised first cell).
    return spreadsheet_frame(frame).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def _column_meaning(column: str, lang: str) -> str:
    key = f"column.{column}"
    try:
        return t(key, lang)
    except KeyError:
        return ""


def _append(sheet, row: list[object]) -> None:
    sheet.append([spreadsheet_cell(value) for value in row])


def xlsx_bytes(sheets: dict[str, pd.DataFrame], context: ExportContext, title: str | None = None) -> bytes:
    """Return a workbook with one sheet per table and a metadata sheet: source, edition, filters, date, columns;
    its document title is `title` (a chart's title), else the source and the tables it holds."""
    workbook = Workbook()
    workbook.properties.title = spreadsheet_cell(
        title
        or t(
            "common.labelled",
            context.lang,
            label=t("export.meta.source.short", context.lang),
            value=listed(sheets, context.lang),
        )
    )
    workbook.properties.language = context.lang
    metadata = workbook.active
    metadata.title = METADATA_SHEET
    lang = context.lang
    for label, value in (
        (t("export.meta.source", lang), t("export.meta.source.value", lang)),
        (t("export.meta.edition", lang), context.edition),
        (t("export.meta.filters", lang), context.filters),
        (t("export.meta.date", lang), context.day.isoformat()),
        (t("export.meta.language", lang), lang),
    ):
        _append(metadata, [label, value])
    metadata.append([])
    _append(
        metadata,
        [
            t("export.meta.sheet", lang),
            t("export.meta.column", lang),
            t("export.meta.header", lang),
            t("export.meta.meaning", lang),
        ],
    )
    for cell in metadata[metadata.max_row]:
        cell.font = Font(bold=True)
    for name, frame in sheets.items():
        labels = header_labels(frame, lang)
        for column in frame.columns:
            _append(
                metadata,
                [name[:MAX_SHEET_NAME], str(column), labels[str(column)], _column_meaning(str(column), lang)],
            )
    for name, frame in sheets.items():
        sheet = workbook.create_sheet(name[:MAX_SHEET_NAME])
        # Headers in the workbook's language; the metadata sheet maps each to its stable column name (the CSV's).
        safe = spreadsheet_frame(frame.rename(columns=header_labels(frame, lang)))
        sheet.append(list(safe.columns))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in safe.itertuples(index=False):
            sheet.append(
                [None if pd.isna(value) else (value.item() if hasattr(value, "item") else value) for value in row]
            )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
