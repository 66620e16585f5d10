#pragma once
// Owning handles for the OpenSSL objects the engine uses, so every early return frees them.
#include <openssl/bio.h>
#include <openssl/decoder.h>
#include <openssl/evp.h>

#include <memory>

namespace gesso::activitypub {

struct FreeKey {
    void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct FreeBio {
    void operator()(BIO* b) const { BIO_free(b); }
};
struct FreeMdCtx {
    void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
struct FreeDecoder {
    void operator()(OSSL_DECODER_CTX* c) const { OSSL_DECODER_CTX_free(c); }
};

using KeyPtr = std::unique_ptr<EVP_PKEY, FreeKey>;
using BioPtr = std::unique_ptr<BIO, FreeBio>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, FreeMdCtx>;
using DecoderPtr = std::unique_ptr<OSSL_DECODER_CTX, FreeDecoder>;

}  // namespace gesso::activitypub
