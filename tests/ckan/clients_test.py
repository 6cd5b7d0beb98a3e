#!/usr/bin/env python3
"""CKAN's own clients against the real `samrad serve`, request for request.

Two clients, reproduced with python3-requests exactly as they talk to a CKAN
site (no PyPI here, so their request code is mirrored, not imported):

* ckanext-harvest's CKANHarvester: gather pages through
  /api/3/action/package_search with rows=100, start, sort=id asc and an fq of
  organization terms and metadata_modified:[SINCEZ TO *]; import reads each
  package and, with remote_orgs/remote_groups "create", organization_show and
  group_show.
* ckanapi's RemoteCKAN.call_action: POST /api/action/NAME with the
  parameters as a JSON body, Content-Type application/json and its
  User-Agent, and the error envelope turned back into its exceptions.

Usage: clients_test.py PATH/TO/samrad
"""
import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
from urllib.parse import urlencode

import requests

SAMRAD = sys.argv.pop(1) if len(sys.argv) > 1 else "build/samrad"


class Server:
    """`samrad serve --port 0` on a fresh data folder; the URL is on stdout's first line."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="samrad-ckan-")
        self.data = os.path.join(self.dir, "data")
        subprocess.run([SAMRAD, "demo-data", "--data", self.data], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.proc = subprocess.Popen([SAMRAD, "serve", "--data", self.data, "--port", "0",
                                      "--threads", "2"], stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, text=True)
        line = self.proc.stdout.readline()
        if "listening" not in line:
            raise RuntimeError("samrad serve did not start: %r" % line)
        self.url = line.strip().split()[-1].rstrip("/")

    def official_token(self):
        email = "tjansteperson@test.example"
        subprocess.run([SAMRAD, "admin", "create-user", "--data", self.data, "--email", email,
                        "--password", "secret-password", "--name", "Tjänsteperson",
                        "--role", "official"], check=True, stdout=subprocess.DEVNULL)
        r = requests.post(self.url + "/api/v1/sessions",
                          json={"email": email, "password": "secret-password"})
        r.raise_for_status()
        return r.json()["token"]

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=30)
        shutil.rmtree(self.dir, ignore_errors=True)


# --- ckanapi (ckanapi/common.py and remoteckan.py) ---------------------------

class CKANAPIError(Exception):
    pass


class NotFound(CKANAPIError):
    pass


class ValidationError(CKANAPIError):
    pass


class SearchQueryError(CKANAPIError):
    pass


class NotAuthorized(CKANAPIError):
    pass


class ActionShortcut:
    """ckan.action.NAME(**kwargs) is ckan.call_action(NAME, kwargs)."""

    def __init__(self, ckan):
        self._ckan = ckan

    def __getattr__(self, name):
        return lambda **kwargs: self._ckan.call_action(name, kwargs)


class RemoteCKAN:
    def __init__(self, address, user_agent="ckanapi/4.7 (+https://github.com/ckan/ckanapi)"):
        self.address = address
        self.user_agent = user_agent
        self.session = requests.Session()
        self.action = ActionShortcut(self)

    def call_action(self, action, data_dict=None):
        # prepare_action: the parameters as ASCII JSON, to api/action/NAME.
        data = json.dumps(data_dict or {}).encode("ascii")
        headers = {"Content-Type": "application/json", "User-Agent": self.user_agent}
        url = self.address.rstrip("/") + "/" + "api/action/" + action
        r = self.session.post(url, data=data, headers=headers)
        return self.reverse_apicontroller_action(url, r.status_code, r.text)

    @staticmethod
    def reverse_apicontroller_action(url, status, response):
        try:
            parsed = json.loads(response)
            if parsed.get("success"):
                return parsed["result"]
            err = parsed.get("error", {})
        except (AttributeError, ValueError):
            err = {}
        etype = err.get("__type")
        emessage = err.get("message", "").split(": ", 1)[-1]
        if etype == "Search Query Error":
            raise SearchQueryError(emessage)
        if etype == "Validation Error":
            raise ValidationError(err)
        if etype == "Not Found Error":
            raise NotFound(emessage)
        if etype == "Authorization Error":
            raise NotAuthorized(err)
        raise CKANAPIError(repr([url, status, response]))



# --- ckanext-harvest's CKANHarvester (harvesters/ckanharvester.py) -----------

class SearchError(Exception):
    pass


class CKANHarvester:
    action_api_version = 3

    def __init__(self, base_url, config):
        self.base_url = base_url.rstrip("/")
        self.config = config
        self.requests = []

    def _get_action_api_offset(self):
        return "/api/%d/action" % self.action_api_version

    def _get_search_api_offset(self):
        return "%s/package_search" % self._get_action_api_offset()

    def _get_content(self, url):
        headers = {}
        if self.config.get("api_key"):
            headers["Authorization"] = self.config["api_key"]
        self.requests.append(url)
        r = requests.get(url, headers=headers)
        r.raise_for_status()
        return r.text

    def gather(self, since=None, rows="100"):
        fq_terms = []
        include = self.config.get("organizations_filter_include", [])
        exclude = self.config.get("organizations_filter_exclude", [])
        if include:
            fq_terms.append(" OR ".join("organization:%s" % o for o in include))
        elif exclude:
            fq_terms.extend("-organization:%s" % o for o in exclude)
        if since is not None:
            # The harvester goes back an hour from its last run, in UTC.
            get_changes_since = (since - datetime.timedelta(hours=1)).isoformat()
            fq_terms.append("metadata_modified:[{since}Z TO *]".format(since=get_changes_since))
        return self._search_for_datasets(fq_terms, rows)

    def _search_for_datasets(self, fq_terms, rows):
        base_search_url = self.base_url + self._get_search_api_offset()
        params = {"rows": rows, "start": "0"}
        params["sort"] = "id asc"
        if fq_terms:
            params["fq"] = " ".join(fq_terms)
        pkg_dicts, pkg_ids, previous_content = [], set(), None
        while True:
            url = base_search_url + "?" + urlencode(params)
            content = self._get_content(url)
            if previous_content and content == previous_content:
                raise SearchError("The paging doesn't seem to work. URL: %s" % url)
            previous_content = content
            response_dict = json.loads(content)
            pkg_dicts_page = response_dict.get("result", {}).get("results", [])
            if len(pkg_dicts_page) == 0:
                break
            ids_in_page = set(p["id"] for p in pkg_dicts_page)
            duplicate_ids = ids_in_page & pkg_ids
            if duplicate_ids:
                pkg_dicts_page = [p for p in pkg_dicts_page if p["id"] not in duplicate_ids]
            pkg_ids |= ids_in_page
            pkg_dicts.extend(pkg_dicts_page)
            params["start"] = str(int(params["start"]) + int(params["rows"]))
        return pkg_dicts

    def _get_organization(self, org_name):
        url = self.base_url + self._get_action_api_offset() + "/organization_show?id=" + org_name
        return json.loads(self._get_content(url))["result"]

    def _get_group(self, group):
        url = self.base_url + self._get_action_api_offset() + "/group_show?id=" + group["id"]
        return json.loads(self._get_content(url))["result"]

    def import_package(self, pkg_dict):
        """What import_stage reads from the remote site for one dataset."""
        url = self.base_url + self._get_action_api_offset() + "/package_show?id=" + pkg_dict["id"]
        package = json.loads(self._get_content(url))["result"]
        org = self._get_organization(package["owner_org"])
        for key in ["packages", "created", "users", "groups", "tags", "extras", "display_name", "type"]:
            org.pop(key, None)
        groups = []
        for group in package["groups"]:
            g = self._get_group(group)
            groups.append({"id": g["id"], "name": g["name"]})
        return package, org, groups


CKAN_TIME = "%Y-%m-%dT%H:%M:%S.%f"


class HarvestTest(unittest.TestCase):
    def test_a_ckan_harvester_gathers_every_dataset_and_imports_it_with_its_organization(self):
        h = CKANHarvester(S.url, {"remote_orgs": "create", "remote_groups": "create"})
        pkgs = h.gather()
        self.assertIn("package_search?rows=100&start=0&sort=id+asc", h.requests[0])
        names = sorted(p["name"] for p in pkgs)
        self.assertEqual(names, sorted(requests.get(S.url + "/api/3/action/package_list")
                                       .json()["result"]))
        self.assertIn("kommundelar", names)
        self.assertEqual([p["id"] for p in pkgs], sorted(p["id"] for p in pkgs))
        for p in pkgs:
            package, org, groups = h.import_package(p)
            self.assertEqual(package["id"], p["id"])
            self.assertEqual(package["metadata_modified"], p["metadata_modified"])
            datetime.datetime.strptime(package["metadata_modified"], CKAN_TIME)
            datetime.datetime.strptime(package["metadata_created"], CKAN_TIME)
            self.assertEqual(org["id"], package["owner_org"])
            self.assertEqual(org["name"], "nacka-kommun")
            self.assertEqual(org["title"], "Nacka kommun")
            self.assertTrue(org["is_organization"])
            self.assertEqual(package["organization"]["name"], org["name"])
            self.assertEqual(len(groups), 1)
            for tag in package["tags"]:
                self.assertEqual(set(tag) >= {"id", "name", "display_name", "vocabulary_id"}, True, tag)
            for r in package["resources"]:
                for key in ["id", "url", "format", "mimetype", "size", "last_modified",
                            "datastore_active", "package_id"]:
                    self.assertIn(key, r)
                self.assertEqual(r["package_id"], package["id"])
        kommundelar = next(p for p in pkgs if p["name"] == "kommundelar")
        self.assertEqual([t["name"] for t in kommundelar["tags"]], ["befolkning", "statistik"])
        self.assertEqual(kommundelar["groups"][0]["name"], "soci")
        self.assertEqual(kommundelar["license_id"], "CC-BY-4.0")
        # Every resource URL downloads, the spreadsheet CSV with semicolons.
        formats = {r["url"].rsplit("/", 1)[1]: r for r in kommundelar["resources"]}
        self.assertEqual(sorted(formats), ["kommundelar.csv", "kommundelar.excel.csv",
                                           "kommundelar.json", "kommundelar.ndjson"])
        excel = requests.get(formats["kommundelar.excel.csv"]["url"])
        self.assertEqual(excel.status_code, 200)
        self.assertIn("kommundel;invanare", excel.content.decode("utf-8-sig"))
        self.assertEqual(formats["kommundelar.csv"]["mimetype"], "text/csv")

    def test_paging_with_small_pages_gives_each_dataset_once(self):
        h = CKANHarvester(S.url, {})
        all_at_once = [p["id"] for p in h.gather()]
        paged = CKANHarvester(S.url, {})
        self.assertEqual([p["id"] for p in paged.gather(rows="2")], all_at_once)
        self.assertEqual(len(paged.requests), (len(all_at_once) + 1) // 2 + 1)

    def test_an_incremental_harvest_asks_only_for_datasets_modified_since(self):
        h = CKANHarvester(S.url, {})
        pkgs = h.gather()
        newest = max(datetime.datetime.strptime(p["metadata_modified"], CKAN_TIME) for p in pkgs)
        # An hour after the newest change: the harvester's hour back lands on it.
        since = CKANHarvester(S.url, {})
        changed = since.gather(since=newest + datetime.timedelta(hours=1))
        self.assertIn("fq=metadata_modified%3A%5B", since.requests[0])
        self.assertEqual(sorted(p["id"] for p in changed),
                         sorted(p["id"] for p in pkgs
                                if datetime.datetime.strptime(p["metadata_modified"], CKAN_TIME)
                                == newest))
        self.assertGreater(len(changed), 0)
        self.assertEqual(CKANHarvester(S.url, {}).gather(
            since=newest + datetime.timedelta(hours=1, seconds=1)), [])
        old = CKANHarvester(S.url, {}).gather(since=newest - datetime.timedelta(days=3650))
        self.assertEqual(len(old), len(pkgs))

    def test_organization_filters_include_and_exclude(self):
        included = CKANHarvester(S.url, {"organizations_filter_include": ["annan", "nacka-kommun"]})
        self.assertEqual(len(included.gather()), len(CKANHarvester(S.url, {}).gather()))
        excluded = CKANHarvester(S.url, {"organizations_filter_exclude": ["nacka-kommun"]})
        self.assertEqual(excluded.gather(), [])


class CkanapiTest(unittest.TestCase):
    def setUp(self):
        self.ckan = RemoteCKAN(S.url)

    def test_site_organization_group_tag_and_license_actions(self):
        status = self.ckan.action.status_show()
        self.assertEqual(status["site_url"], S.url)
        self.assertIn("ckan_version", status)
        self.assertEqual(self.ckan.action.organization_list(), ["nacka-kommun"])
        orgs = self.ckan.action.organization_list(all_fields=True)
        self.assertEqual(orgs[0]["title"], "Nacka kommun")
        org = self.ckan.action.organization_show(id="nacka-kommun", include_datasets=True)
        self.assertEqual(org["package_count"], len(self.ckan.action.package_list()))
        self.assertEqual(len(org["packages"]), org["package_count"])
        groups = self.ckan.action.group_list(all_fields=True)
        soci = next(g for g in groups if g["name"] == "soci")
        self.assertEqual(soci["title"], "Befolkning och samhälle")
        self.assertEqual(soci["package_count"], 1)
        group = self.ckan.action.group_show(id="soci", include_datasets=True)
        self.assertEqual([p["name"] for p in group["packages"]], ["kommundelar"])
        self.assertIn("befolkning", self.ckan.action.tag_list())
        self.assertEqual(self.ckan.action.tag_list(query="befolk"), ["befolkning"])
        licenses = {l["id"]: l for l in self.ckan.action.license_list()}
        self.assertIn("CC-BY-4.0", licenses)
        self.assertTrue(licenses["CC0-1.0"]["url"].startswith("http"))
        self.assertIn("Searches for packages", self.ckan.action.help_show(name="package_search"))
        with self.assertRaises(NotFound):
            self.ckan.action.organization_show(id="stockholm")
        with self.assertRaises(NotFound):
            self.ckan.action.group_show(id="sport")

    def test_package_and_resource_actions(self):
        pkg = self.ckan.action.package_show(id="kommundelar")
        self.assertEqual(pkg["organization"]["name"], "nacka-kommun")
        res = self.ckan.action.resource_show(id=pkg["resources"][0]["id"])
        self.assertEqual(res, pkg["resources"][0])
        listed = self.ckan.action.current_package_list_with_resources(limit=2)
        self.assertEqual(len(listed), 2)
        self.assertTrue(listed[0]["metadata_modified"] >= listed[1]["metadata_modified"])
        self.assertTrue(all(p["resources"] for p in listed))
        with self.assertRaises(NotFound):
            self.ckan.action.resource_show(id="kommundelar-xlsx")
        with self.assertRaises(ValidationError) as e:
            self.ckan.action.package_show()
        self.assertEqual(e.exception.args[0]["id"], ["Missing value"])

    def test_package_search_speaks_solr(self):
        search = self.ckan.action.package_search
        total = search()["count"]
        self.assertEqual(search(q="tags:befolkning")["count"], 1)
        self.assertEqual(search(fq="tags:statistik +res_format:CSV")["count"], 1)
        self.assertEqual(search(fq="-tags:befolkning")["count"], total - 1)
        self.assertEqual(search(fq="license_id:CC-BY-4.0 OR name:events")["count"], 2)
        self.assertEqual(search(fq='groups:soci organization:"nacka-kommun"')["count"], 1)
        self.assertEqual(search(fq="name:(kommundelar OR events)")["count"], 2)
        self.assertEqual(search(fq="metadata_modified:[2000-01-01T00:00:00Z TO *]")["count"], total)
        self.assertEqual(search(fq="metadata_modified:[* TO 2000-01-01T00:00:00Z]")["count"], 0)
        by_name = search(sort="name desc", rows=100)["results"]
        self.assertEqual([p["name"] for p in by_name], sorted((p["name"] for p in by_name), reverse=True))
        by_title = search(sort="title_string asc, name asc", rows=100)["results"]
        self.assertEqual([p["title"] for p in by_title], sorted(p["title"] for p in by_title))
        newest = search(sort="score desc, metadata_modified desc", rows=1)
        self.assertEqual(newest["sort"], "score desc, metadata_modified desc")
        self.assertEqual(len(newest["results"]), 1)
        # CKAN clamps rows to its limit rather than refusing.
        self.assertEqual(len(search(rows=5000)["results"]), total)
        facets = search(**{"facet.field": ["organization", "groups", "res_format"], "rows": 0})
        self.assertEqual(facets["facets"]["organization"], {"nacka-kommun": total})
        with self.assertRaises(SearchQueryError):
            search(fq="metadata_modified:[yesterday TO *]")
        with self.assertRaises(SearchQueryError):
            search(sort="popularity desc")

    def test_datastore_search_formats_distinct_and_links(self):
        ds = self.ckan.action.datastore_search
        args = {"resource_id": "kommundelar", "filters": {"kommundel": ["Boo", "Sickla"]},
                "fields": ["kommundel", "invanare"], "sort": "invanare desc", "limit": 3}
        first = ds(**args)
        self.assertEqual(first["total"], 10)
        self.assertFalse(first["total_was_estimated"])
        # _links.next repeats the search from the next record, every argument kept.
        seen = list(first["records"])
        nxt = first["_links"]["next"]
        while True:
            page = requests.get(S.url + nxt).json()["result"]
            if not page["records"]:
                break
            seen.extend(page["records"])
            nxt = page["_links"]["next"]
        self.assertEqual(len(seen), 10)
        self.assertTrue(all(r["kommundel"] in ("Boo", "Sickla") for r in seen))
        self.assertTrue(all(set(r) == {"_id", "kommundel", "invanare"} for r in seen))
        self.assertEqual([r["invanare"] for r in seen], sorted((r["invanare"] for r in seen), reverse=True))
        lists = ds(records_format="lists", **args)
        self.assertEqual(lists["records"][0], [seen[0]["_id"], seen[0]["kommundel"], seen[0]["invanare"]])
        csv = ds(records_format="csv", **args)
        self.assertEqual(csv["records"].splitlines()[0],
                         "%d,%s,%d" % (seen[0]["_id"], seen[0]["kommundel"], seen[0]["invanare"]))
        tsv = ds(records_format="tsv", **args)
        self.assertEqual(tsv["records"].splitlines()[1].split("\t")[1], seen[1]["kommundel"])
        distinct = ds(resource_id="kommundelar", fields=["kommundel"], distinct=True, sort="kommundel")
        self.assertEqual([r["kommundel"] for r in distinct["records"]],
                         ["Boo", "Fisksätra", "Orminge", "Saltsjöbaden", "Sickla"])
        self.assertEqual(distinct["total"], 5)
        self.assertEqual(ds(resource_id="kommundelar", full_text="orminge")["total"], 5)
        with self.assertRaises(ValidationError):
            ds(resource_id="kommundelar", records_format="xml")
        with self.assertRaises(NotFound):
            ds(resource_id="saknas")

    def test_form_posts_unversioned_gets_and_unknown_actions(self):
        r = requests.post(S.url + "/api/action/package_show", data={"id": "kommundelar"})
        self.assertEqual(r.status_code, 200)
        self.assertEqual(r.json()["result"]["name"], "kommundelar")
        r = requests.get(S.url + "/api/action/package_show", params={"id": "saknas"})
        self.assertEqual(r.status_code, 404)
        self.assertEqual(r.json()["error"]["__type"], "Not Found Error")
        self.assertFalse(r.json()["success"])
        r = requests.post(S.url + "/api/action/package_search", data={"rows": "-1"})
        self.assertEqual(r.status_code, 409)
        self.assertEqual(r.json()["error"]["__type"], "Validation Error")
        with self.assertRaises(CKANAPIError) as e:
            self.ckan.action.package_create(name="nytt")
        self.assertIn("400", str(e.exception))
        r = requests.post(S.url + "/api/action/package_show", data="{", headers={"Content-Type": "application/json"})
        self.assertEqual(r.status_code, 400)
        self.assertEqual(r.json()["error"]["__type"], "Bad Request")


def setUpModule():
    global S
    S = Server()
    token = S.official_token()
    csv = "kommundel,invanare,yta\n" + "".join(
        "%s,%d,%d.5\n" % (["Sickla", "Orminge", "Fisksätra", "Saltsjöbaden", "Boo"][i % 5], 1000 + 10 * i, i)
        for i in range(25))
    r = requests.post(S.url + "/api/v1/datasets?" + urlencode({
        "name": "kommundelar", "title": "Kommundelar", "description": "Invånare per kommundel",
        "keywords": "befolkning,statistik", "theme": "SOCI", "license": "CC-BY-4.0"}),
        data=csv.encode("utf-8"), headers={"Content-Type": "text/csv; charset=utf-8",
                                           "Authorization": "Bearer " + token})
    if r.status_code != 201:
        raise RuntimeError("upload failed: %s" % r.text)


def tearDownModule():
    S.stop()


if __name__ == "__main__":
    unittest.main(verbosity=2)
