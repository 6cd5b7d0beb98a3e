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

Result<CatalogModel> BuildCatalog(OpenData& od) {
  auto head = od.Head();
  if (!head.ok()) return head.status();
  auto o = od.options();
  const std::string base = o.base_url + "/opendata/";
  CatalogModel m;
  m.iri = base + "catalog";
  m.title = o.catalog_title;
  m.description = o.catalog_description;
  m.homepage = o.base_url + "/data";
  m.license_iri = LicenseIri(o.license);
  m.publisher_iri = o.publisher_iri.empty() ? base + "publisher" : o.publisher_iri;
  m.publisher_name = o.publisher_name;
  m.publisher_homepage = o.publisher_url;
  m.contact_iri = base + "contact";
  m.contact_fn = o.publisher_name;
  m.contact_email = o.publisher_email;
  for (auto spec : od.registry().All()) {
    od.Dates(spec, head.value());
    DatasetModel d;
    d.iri = base + spec.name;
    d.title = spec.title;
    d.description = spec.description;
    d.language = spec.language;
    d.keywords = spec.keywords;
    d.theme_iri = ThemeIri(spec.theme);
    d.issued = spec.issued;
    d.modified = spec.modified;
    d.license_iri = LicenseIri(od.LicenseOf(spec));
    d.landing_page = base + spec.name + "/datapackage.json";
    struct F {
      const char *ext, *type, *media;
    };
    for (F f : {F{"csv", "CSV", "text/csv"}, F{"json", "JSON", "application/json"},
                F{"ndjson", "JSON", "application/x-ndjson"}}) {
      DistributionModel dist;
      dist.iri = base + spec.name + "/distribution/" + f.ext;
      dist.title = spec.title + " (" + f.ext + ")";
      dist.access_url = d.landing_page;
      dist.download_url = base + spec.name + "." + f.ext;
      dist.format_iri =
          std::string("http://publications.europa.eu/resource/authority/file-type/") + f.type;
      dist.media_type_iri = std::string("https://www.iana.org/assignments/media-types/") + f.media;
      dist.license_iri = d.license_iri;
      d.distributions.push_back(dist);
    }
    if (m.issued.empty() || d.issued < m.issued) m.issued = d.issued;
    if (d.modified > m.modified) m.modified = d.modified;
    m.datasets.push_back(std::move(d));
  }
  return m;
}

}  // namespace samrad::opendata
