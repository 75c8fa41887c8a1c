// Certificate checks: a self-signed certificate made here is refused by default and accepted only
// when it is named as the trusted authority. The HTTPS server is the fake on 127.0.0.1.
#include "AuthPeers.h"
#include "Net/HttpClient.h"

#include <catch2/catch.hpp>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <cstdio>

using namespace moodboard;
using namespace moodboard::testing;

namespace
{
// Writes a key and a self-signed certificate for 127.0.0.1 (one day) as PEM files.
void makeSelfSignedCertificate (const std::filesystem::path& certFile,
                                const std::filesystem::path& keyFile)
{
    EVP_PKEY* key = EVP_RSA_gen (2048);
    REQUIRE (key != nullptr);
    X509* cert = X509_new();
    ASN1_INTEGER_set (X509_get_serialNumber (cert), 1);
    X509_gmtime_adj (X509_getm_notBefore (cert), -60);
    X509_gmtime_adj (X509_getm_notAfter (cert), 24 * 3600);
    X509_set_pubkey (cert, key);
    X509_NAME* name = X509_get_subject_name (cert);
    X509_NAME_add_entry_by_txt (name, "CN", MBSTRING_ASC,
                                reinterpret_cast<const unsigned char*> ("127.0.0.1"), -1, -1, 0);
    X509_set_issuer_name (cert, name);

    X509V3_CTX context;
    X509V3_set_ctx_nodb (&context);
    X509V3_set_ctx (&context, cert, cert, nullptr, nullptr, 0);
    for (const auto& [nid, value] : {std::pair{NID_subject_alt_name, "IP:127.0.0.1"},
                                     std::pair{NID_basic_constraints, "critical,CA:TRUE"}})
    {
        X509_EXTENSION* extension = X509V3_EXT_conf_nid (nullptr, &context, nid, value);
        REQUIRE (extension != nullptr);
        X509_add_ext (cert, extension, -1);
        X509_EXTENSION_free (extension);
    }
    REQUIRE (X509_sign (cert, key, EVP_sha256()) > 0);

    FILE* c = std::fopen (certFile.c_str(), "w");
    FILE* k = std::fopen (keyFile.c_str(), "w");
    REQUIRE (c != nullptr);
    REQUIRE (k != nullptr);
    PEM_write_X509 (c, cert);
    PEM_write_PrivateKey (k, key, nullptr, nullptr, 0, nullptr, nullptr);
    std::fclose (c);
    std::fclose (k);
    X509_free (cert);
    EVP_PKEY_free (key);
}
} // namespace

TEST_CASE ("HttpClient verifies certificates: an unknown authority is refused", "[net]")
{
    AuthSandbox sandbox ("net-tls");
    const auto cert = sandbox.getFolder() / "cert.pem";
    const auto key = sandbox.getFolder() / "key.pem";
    makeSelfSignedCertificate (cert, key);
    PeerProcess fake (fakeServicesScript(), {},
                      {"FAKE_TLS_CERT=" + cert.string(), "FAKE_TLS_KEY=" + key.string()});
    const auto url = "https://127.0.0.1:" + std::to_string (fake.getPort()) + "/echo";

    net::HttpClient strict;
    auto refused = strict.send ({.url = url, .maxAttempts = 1});
    REQUIRE_FALSE (refused);
    CHECK (refused.error().kind == Error::Kind::io);
    CHECK_THAT (refused.error().message, Catch::Contains ("could not be verified"));

    net::HttpClient::Options trusting;
    trusting.caBundle = cert.string();
    net::HttpClient withAuthority (trusting);
    auto accepted = withAuthority.send ({.url = url});
    REQUIRE (accepted);
    CHECK (accepted->status == 200);
}
