#pragma once
// Whether this processor runs code compiled for AVX2 with FMA. The few hot loops that are worth it (SSIM in
// media/quality.cpp, applying the cloak in media/cloak.cpp) are compiled twice, for the build's baseline and
// with [[gnu::target("avx2,fma")]], and choose at run time with this; elsewhere it is always false. The two
// copies may round a float differently in the last bit (FMA); every result is checked as produced.
namespace gesso::media {

inline bool has_avx2_fma() {
#if defined(__x86_64__) && defined(__GNUC__)
    static const bool yes = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    return yes;
#else
    return false;
#endif
}

}  // namespace gesso::media
