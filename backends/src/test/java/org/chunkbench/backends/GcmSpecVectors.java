package org.chunkbench.backends;

import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

/**
 * The AES-128 and AES-256 test cases with 12-byte IVs of McGrew and Viega, "The Galois/Counter Mode of Operation
 * (GCM)" (the GCM specification submitted to NIST, 2005): Test Cases 1-4 and 13-16, without and with associated
 * data. Transcribed from the specification as GNU Nettle's testsuite/gcm-test.c carries it; every case is checked
 * against one-shot SunJCE ({@code SealedRecordsContractTest#theVectorsAgreeWithSunJceOneShot}) before any backend is
 * judged by it.
 */
public final class GcmSpecVectors {
    private static final String K_ZERO_128 = "00000000000000000000000000000000";
    private static final String K_ZERO_256 = K_ZERO_128 + K_ZERO_128;
    private static final String K_128 = "feffe9928665731c6d6a8f9467308308";
    private static final String K_256 = K_128 + K_128;
    private static final String IV_ZERO = "000000000000000000000000";
    private static final String IV = "cafebabefacedbaddecaf888";
    private static final String AAD = "feedfacedeadbeeffeedfacedeadbeefabaddad2";
    private static final String P64 = "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
            + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255";
    private static final String P60 = P64.substring(0, 120);

    private GcmSpecVectors() {
    }

    /** name, key, IV, associated data, plaintext, ciphertext, tag. */
    public static Stream<Arguments> cases() {
        String c3 = "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
                + "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985";
        String c15 = "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
                + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad";
        return Stream.of(
                Arguments.of("Test Case 1 (AES-128)", K_ZERO_128, IV_ZERO, "", "", "", "58e2fccefa7e3061367f1d57a4e7455a"),
                Arguments.of("Test Case 2 (AES-128)", K_ZERO_128, IV_ZERO, "", K_ZERO_128, "0388dace60b6a392f328c2b971b2fe78",
                        "ab6e47d42cec13bdf53a67b21257bddf"),
                Arguments.of("Test Case 3 (AES-128)", K_128, IV, "", P64, c3, "4d5c2af327cd64a62cf35abd2ba6fab4"),
                Arguments.of("Test Case 4 (AES-128, AAD)", K_128, IV, AAD, P60, c3.substring(0, 120),
                        "5bc94fbc3221a5db94fae95ae7121a47"),
                Arguments.of("Test Case 13 (AES-256)", K_ZERO_256, IV_ZERO, "", "", "", "530f8afbc74536b9a963b4f1c4cb738b"),
                Arguments.of("Test Case 14 (AES-256)", K_ZERO_256, IV_ZERO, "", K_ZERO_128, "cea7403d4d606b6e074ec5d3baf39d18",
                        "d0d1c8a799996bf0265b98b5d48ab919"),
                Arguments.of("Test Case 15 (AES-256)", K_256, IV, "", P64, c15, "b094dac5d93471bdec1a502270e3cc6c"),
                Arguments.of("Test Case 16 (AES-256, AAD)", K_256, IV, AAD, P60, c15.substring(0, 120),
                        "76fc6ece0f4e1768cddf8853bb2d551b"));
    }
}
