"""The raw material of the demo department, read from the files in `demo/` beside this module.

Councils, forces and trusts are real bodies with their real codes, so the demo reads true; the
schools, practices, charities and firms built from these place names are invented. To change the
department, edit the files: department.toml (its directorates and units), areas.csv (councils
and the places in each), police_forces.csv, nhs_trusts.csv, people.toml (names and job titles)
and place_names.toml (what invented organisations are named after).
"""

from pathlib import Path

from insideout.web.datafiles import read_csv, read_toml

FOLDER = Path(__file__).with_name("demo")

_department = read_toml(FOLDER / "department.toml")
DEPARTMENT = (_department["name"], _department["short_name"])
CENTRE_DOMAIN: str = _department["domain"]
# (directorate, [(unit, purpose, the organisation types it serves)])
DIRECTORATES: list[tuple[str, list[tuple[str, str, tuple[str, ...]]]]] = [
    (
        directorate["name"],
        [(unit["name"], unit["purpose"], tuple(unit["serves"])) for unit in directorate["unit"]],
    )
    for directorate in _department["directorate"]
]

# Local authority code -> (council, short name, the places in it)
AREAS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    row["code"]: (row["council"], row["short_name"], tuple(row["places"].split("; ")))
    for row in read_csv(FOLDER / "areas.csv")
}
# (force id, name, local authority code of its headquarters, officers)
POLICE_FORCES: list[tuple[str, str, str, int]] = [
    (row["id"], row["name"], row["area"], int(row["officers"]))
    for row in read_csv(FOLDER / "police_forces.csv")
]
# (ODS code, name, local authority code)
NHS_TRUSTS: list[tuple[str, str, str]] = [
    (row["code"], row["name"], row["area"]) for row in read_csv(FOLDER / "nhs_trusts.csv")
]

_people = read_toml(FOLDER / "people.toml")
FIRST_NAMES: tuple[str, ...] = tuple(_people["first_names"])
LAST_NAMES: tuple[str, ...] = tuple(_people["last_names"])
# Organisation type -> (the lead's title, the other members' titles)
JOB_TITLES: dict[str, tuple[str, tuple[str, ...]]] = {
    kind: (titles["lead"], tuple(titles["members"]))
    for kind, titles in _people["job_titles"].items()
}
FRONTLINE_TITLES: dict[str, tuple[str, ...]] = {
    kind: tuple(titles["frontline"])
    for kind, titles in _people["job_titles"].items()
    if "frontline" in titles
}

_place_names = read_toml(FOLDER / "place_names.toml")
SAINTS: tuple[str, ...] = tuple(_place_names["saints"])
FEATURES: tuple[str, ...] = tuple(_place_names["features"])
STREETS: tuple[str, ...] = tuple(_place_names["streets"])
GP_CODE_PREFIXES: dict[str, tuple[str, ...]] = {
    region: tuple(prefixes) for region, prefixes in _place_names["gp_code_prefixes"].items()
}
