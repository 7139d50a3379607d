"""Video providers: local ffmpeg pipeline and Mux."""
