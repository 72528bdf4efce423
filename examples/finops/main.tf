# A small production shop plus a dev box: the FinOps example for
# `tfcost recommend`, cost ranges and the carbon footprint (see README.md).
provider "aws" {
  region = "us-east-1"
}

resource "aws_instance" "web" {
  ami           = "ami-0abcdef1234567890"
  instance_type = "m5.large"
  root_block_device {
    volume_type = "gp2"
    volume_size = 20
  }
  tags = { env = "prod" }
}

resource "aws_instance" "dev" {
  ami           = "ami-0abcdef1234567890"
  instance_type = "m5.xlarge"
  tags          = { Environment = "dev" }
}

resource "aws_launch_template" "workers" {
  image_id      = "ami-0abcdef1234567890"
  instance_type = "c5.xlarge"
  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size = 30
      volume_type = "gp3"
    }
  }
}

resource "aws_autoscaling_group" "workers" {
  name                = "workers"
  min_size            = 2
  desired_capacity    = 4
  max_size            = 8
  vpc_zone_identifier = ["subnet-0123456789abcdef0"]
  launch_template {
    id      = aws_launch_template.workers.id
    version = "$Latest"
  }
  tag {
    key                 = "fault_tolerant"
    value               = "true"
    propagate_at_launch = true
  }
}

resource "aws_db_instance" "main" {
  identifier        = "shop"
  engine            = "mysql"
  instance_class    = "db.m4.large"
  allocated_storage = 100
  storage_type      = "gp2"
  username          = "admin"
  password          = "change-me-please"
}

resource "aws_elasticache_cluster" "cache" {
  cluster_id      = "shop-cache"
  engine          = "redis"
  node_type       = "cache.m5.large"
  num_cache_nodes = 2
}

resource "aws_ebs_volume" "data" {
  availability_zone = "us-east-1a"
  type              = "gp2"
  size              = 500
}

resource "aws_s3_bucket" "logs" {
  bucket = "shop-logs-example"
}

resource "aws_eks_node_group" "apps" {
  cluster_name    = "shop"
  node_group_name = "apps"
  node_role_arn   = "arn:aws:iam::123456789012:role/eks-nodes"
  subnet_ids      = ["subnet-0123456789abcdef0"]
  instance_types  = ["m5.large"]
  capacity_type   = "ON_DEMAND"
  scaling_config {
    min_size     = 2
    desired_size = 3
    max_size     = 6
  }
}

resource "aws_ecs_task_definition" "api" {
  family                   = "api"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "512"
  memory                   = "1024"
  container_definitions    = jsonencode([{ name = "api", image = "nginx", essential = true }])
}

resource "aws_ecs_service" "api" {
  name            = "api"
  cluster         = "main"
  task_definition = aws_ecs_task_definition.api.arn
  desired_count   = 2
  launch_type     = "FARGATE"
  network_configuration {
    subnets = ["subnet-0123456789abcdef0"]
  }
}

resource "aws_appautoscaling_target" "api" {
  service_namespace  = "ecs"
  resource_id        = "service/main/${aws_ecs_service.api.name}"
  scalable_dimension = "ecs:service:DesiredCount"
  min_capacity       = 1
  max_capacity       = 10
}

resource "aws_nat_gateway" "nat" {
  allocation_id = "eipalloc-0123456789abcdef0"
  subnet_id     = "subnet-0123456789abcdef0"
}
