// Builds the catalog model from the registry and the catalog settings.
#include "opendata/catalog.h"

#include "opendata/open_data.h"
#include "opendata/vocabulary.h"

namespace samrad::opendata {

std::string LanguageIri(const std::string& code) {
  return std::string("http://publications.europa.eu/resource/authority/language/") +
         (code == "en" ? "ENG" : "SWE");
}

namespace {
std::string LicenseIri(const std::string& id) {
  auto l = FindLicense(id);
  return l ? l->url : id;
}
}  // namespace

namespace {
const char* kFrequency = "http://publications.europa.eu/resource/authority/frequency/";
const char* kFileType = "http://publications.europa.eu/resource/authority/file-type/";
const char* kMediaType = "https://www.iana.org/assignments/media-types/";

std::vector<LangText> Texts(const std::string& lang, const std::string& text, const std::string& en) {
  std::vector<LangText> out = {{lang, text}};
  if (!en.empty() && lang != "en") out.push_back({"en", en});
  return out;
}

DatasetModel Dataset(const OpenData& od, const DatasetSpec& spec, const std::string& base_url,
                     const std::string& spatial_iri) {
  DatasetModel d;
  d.iri = DatasetIri(base_url, spec.name);
  d.titles = Texts(spec.language, spec.title, spec.title_en);
  d.descriptions = Texts(spec.language, spec.description, spec.description_en);
  for (const auto& k : spec.keywords) d.keywords.push_back({spec.language, k});
  for (const auto& k : spec.keywords_en) d.keywords.push_back({"en", k});
  d.language = spec.language;
  d.theme_iri = ThemeIri(spec.theme);
  d.issued = spec.issued;
  d.modified = spec.modified;
  d.license_iri = LicenseIri(od.LicenseOf(spec));
  d.landing_page = DatasetPage(base_url, spec.name);
  d.periodicity_iri = kFrequency + spec.periodicity;
  d.spatial_iri = spatial_iri;
  struct F {
    const char *ext, *type, *media;
  };
  // The EU file-type table has no NDJSON: its distribution says what it is
  // by its IANA media type alone (JSON would tell clients to parse the whole
  // body as one JSON text).
  // "CSV för Excel" is CSV too: semicolons, a BOM and formula-safe cells.
  for (F f : {F{"csv", "CSV", "text/csv"}, F{"excel.csv", "CSV", "text/csv"}, F{"json", "JSON", "application/json"},
              F{"ndjson", "", "application/x-ndjson"}}) {
    DistributionModel dist;
    dist.iri = DistributionIri(base_url, spec.name, f.ext);
    for (const auto& t : d.titles) dist.titles.push_back({t.lang, t.text + " (" + f.ext + ")"});
    dist.access_url = d.landing_page;
    dist.download_url = base_url + "/opendata/" + spec.name + "." + f.ext;
    if (*f.type) dist.format_iri = std::string(kFileType) + f.type;
    dist.media_type_iri = std::string(kMediaType) + f.media;
    dist.license_iri = d.license_iri;
    // The size of the file the official published, which the CSV serves again.
    if (std::string(f.ext) == "csv") dist.byte_size = spec.byte_size;
    d.distributions.push_back(dist);
  }
  return d;
}
}  // namespace

std::string CatalogIri(const std::string& base_url) { return base_url + "/opendata/catalog"; }
std::string DatasetIri(const std::string& base_url, const std::string& name) {
  return base_url + "/opendata/datasets/" + name;
}
std::string DistributionIri(const std::string& base_url, const std::string& name, const std::string& ext) {
  return DatasetIri(base_url, name) + "/distributions/" + ext;
}
std::string DatasetPage(const std::string& base_url, const std::string& name) {
  return base_url + "/data#dataset-" + name;
}

Result<CatalogModel> BuildCatalog(OpenData& od) {
  auto head = od.Head();
  if (!head.ok()) return head.status();
  auto o = od.options();
  CatalogModel m;
  m.iri = CatalogIri(o.base_url);
  m.titles = Texts("sv", o.catalog_title, o.catalog_title_en);
  m.descriptions = Texts("sv", o.catalog_description, o.catalog_description_en);
  m.homepage = o.base_url + "/data";
  m.license_iri = LicenseIri(o.license);
  m.spatial_iri = o.spatial_iri;
  // Fragments of the catalog's own IRI: no dataset name can reach them.
  m.publisher_iri = o.publisher_iri.empty() ? m.iri + "#publisher" : o.publisher_iri;
  m.publisher_name = o.publisher_name;
  m.publisher_homepage = o.publisher_url;
  m.contact_iri = m.iri + "#contact";
  m.contact_fn = o.publisher_name;
  m.contact_email = o.publisher_email;
  for (auto spec : od.registry().All()) {
    od.Dates(spec, head.value());
    DatasetModel d = Dataset(od, spec, o.base_url, o.spatial_iri);
    if (m.issued.empty() || d.issued < m.issued) m.issued = d.issued;
    if (d.modified > m.modified) m.modified = d.modified;
    m.datasets.push_back(std::move(d));
  }
  return m;
}

}  // namespace samrad::opendata
