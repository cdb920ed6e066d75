package org.chunkbench.backends.jca;

import java.lang.reflect.Field;

import javax.crypto.Cipher;

import org.chunkbench.backends.ChunkedCipher;

/** Test support: swaps a JCA backend's Cipher for one of the same provider that was never initialised. */
public final class JcaSabotage {
    private JcaSabotage() {
    }

    /** The next update throws the provider's own IllegalStateException ("Cipher not initialized"). */
    public static void uninitialise(ChunkedCipher c) throws Exception {
        Field f = JcaChunkedCipher.class.getDeclaredField("cipher");
        f.setAccessible(true);
        Cipher current = (Cipher) f.get(c);
        f.set(c, Cipher.getInstance(JcaChunkedCipher.TRANSFORMATION, current.getProvider()));
    }
}
