// Callbacks the hub refuses to call (server-side request forgery): every
// loopback, private, link-local, multicast and unspecified address, however
// spelled, unless the operator allows its network.
#define BOOST_TEST_MODULE websub_callback_policy
#include "server/websub/callback_policy.h"

#include <boost/test/unit_test.hpp>

using namespace samrad;
using namespace samrad::websub;

BOOST_AUTO_TEST_CASE(refuses_internal_ranges_and_allows_public_addresses) {
  CallbackPolicy p;
  for (const char* a : {"127.0.0.1", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254", "0.0.0.0",
                        "100.64.0.1", "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fd00::5",
                        "ff02::1", "192.0.2.10", "2001:db8::1", "::ffff:10.0.0.1", "::ffff:127.0.0.1", "not-an-address"}) {
    BOOST_TEST(!p.AddressAllowed(a), a);
  }
  for (const char* a : {"93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946", "8.8.8.8"}) {
    BOOST_TEST(p.AddressAllowed(a), a);
  }
}

BOOST_AUTO_TEST_CASE(an_allowed_network_opens_only_itself) {
  CallbackPolicy p({"127.0.0.1/32"});
  BOOST_TEST(p.AddressAllowed("127.0.0.1"));
  BOOST_TEST(p.AddressAllowed("::ffff:127.0.0.1"));
  BOOST_TEST(!p.AddressAllowed("127.0.0.2"));
  BOOST_TEST(!p.AddressAllowed("::1"));
  BOOST_TEST(!p.AddressAllowed("10.0.0.1"));
}

BOOST_AUTO_TEST_CASE(checks_callback_urls_as_libcurl_reads_them) {
  CallbackPolicy p;
  BOOST_TEST(p.Check("http://93.184.216.34/cb?x=1").ok());
  BOOST_TEST(p.Check("https://[2606:2800:220:1:248:1893:25c8:1946]:8443/cb").ok());
  for (const char* bad : {"", "ftp://93.184.216.34/", "file:///etc/passwd", "gopher://93.184.216.34/", "/relative",
                          "http://user:pw@93.184.216.34/", "http://93.184.216.34/cb#frag"}) {
    Status s = p.Check(bad);
    BOOST_TEST((s.code() == Code::kInvalidArgument), bad);
    if (!s.errors().empty()) BOOST_TEST(s.errors()[0].field == "/hub.callback");
  }
  for (const char* internal : {"http://10.0.0.1/cb", "http://169.254.169.254/latest/meta-data/", "http://[::1]:8080/",
                               "http://127.1/", "http://0x7f000001/", "http://2130706433/", "http://0/",
                               "http://[::ffff:192.168.0.1]/", "http://localhost/"}) {
    BOOST_TEST((p.Check(internal).code() == Code::kPermissionDenied), internal);
  }
  BOOST_TEST((p.Check("http://x" + std::string(kMaxCallbackBytes, 'a') + ".example/").code() == Code::kInvalidArgument));
}
