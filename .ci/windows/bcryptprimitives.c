/* A stand-in for Windows' bcryptprimitives.dll, for the CI's wine only (never shipped): wine 8
   lacks ProcessPrng, which Rust's standard library (inside the cryptography package) imports on
   Windows. It fills the buffer from RtlGenRandom (advapi32's SystemFunction036), as Windows'
   own random number generator does. Built by .ci/windows/build with x86_64-w64-mingw32-gcc. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
