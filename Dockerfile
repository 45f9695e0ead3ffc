# voicemap API image: a static binary on distroless, run as a non-root user.
#   docker build -t voicemap .
#   docker run -p 127.0.0.1:8080:8080 -v voicemap-data:/data voicemap -demo

FROM golang:1.26 AS build
WORKDIR /src
# Modules first, so that source changes reuse the download layer.
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/voicemap . \
 && mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/voicemap /usr/local/bin/voicemap
# The embedded store's directory, owned by the nonroot user (uid 65532).
COPY --from=build --chown=65532:65532 /out/data /data
# Listen on all interfaces inside the container; publish the port on the
# host's loopback (see docker-compose.yml). The embedded store is used unless
# NEO4J_URI is set.
ENV VOICEMAP_ADDR=0.0.0.0:8080 \
    VOICEMAP_DATA=/data/voicemap.db \
    VOICEMAP_LOG_FORMAT=json
USER nonroot:nonroot
EXPOSE 8080
VOLUME ["/data"]
ENTRYPOINT ["/usr/local/bin/voicemap"]
